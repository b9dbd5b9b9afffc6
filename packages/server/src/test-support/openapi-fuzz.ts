/**
 * Requests generated from the server's own OpenAPI document, for the fuzz
 * test: every operation, with path params, query and bodies drawn from their
 * schemas, mixed with hostile values (NUL, lone surrogates, huge numbers,
 * wrong types, very long strings, SQL metacharacters, path traversal). Known
 * ids (`IdPool`, by resource) stand in for ids often, so handlers get past
 * "not found".
 */
import fc from 'fast-check';

/** The subset of JSON Schema that @fastify/swagger emits for our zod schemas. */
export interface JsonSchema {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface Operation {
  method: string;
  path: string;
  /** What the OpenAPI document says it does. */
  summary?: string;
  parameters: Parameter[];
  body?: JsonSchema | undefined;
}

export interface FuzzRequest {
  operation: string;
  method: string;
  /** Already encoded. */
  url: string;
  /** The JSON text sent, if any. */
  body?: string;
  /** Headers that carry data: a session cookie, a request id. */
  headers?: Record<string, string>;
  authenticated: boolean;
}

/** Operations of an OpenAPI 3 document. */
export function operationsOf(document: {
  paths: Record<
    string,
    Record<
      string,
      {
        summary?: string;
        parameters?: Parameter[];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
      }
    >
  >;
}): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      operations.push({
        method: method.toUpperCase(),
        path,
        summary: op.summary,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return operations;
}

const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\ud83d',
  "'; DROP TABLE users; --",
  "' OR '1'='1",
  '%',
  '_%\\',
  '$1',
  '::uuid',
  '../../../../etc/passwd',
  '..\\..\\windows',
  '%2e%2e%2f',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '\u202e',
  '\uffff',
  '',
  ' ',
  '-1',
  '0',
  '1e309',
  '99999999999999999999999',
  'null',
  'true',
  '[]',
  '{}',
];

const HOSTILE_NUMBERS = [-1, 0, 1e308, -1e308, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e-300, 0.5, 99999999999999, 10 ** 21];

const longString = fc.constantFrom(100, 1_000, 20_000).map((n) => 'x'.repeat(n));

const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  longString,
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.tuple(fc.string({ maxLength: 4 }), fc.constantFrom(...HOSTILE_STRINGS)).map(([a, b]) => a + b),
);

/** A value of the wrong type for `schema`, or a hostile one of the right type. */
function hostile(schema: JsonSchema): fc.Arbitrary<unknown> {
  const wrongTypes = fc.constantFrom<unknown>(null, true, [], {}, 'text', 12345, -1.5, [1, 'a'], { a: { b: null } });
  switch (schema.type) {
    case 'integer':
    case 'number':
      return fc.oneof(fc.constantFrom(...HOSTILE_NUMBERS), hostileString, wrongTypes);
    case 'string':
      return fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: wrongTypes });
    default:
      return fc.oneof(wrongTypes, hostileString, fc.constantFrom(...HOSTILE_NUMBERS));
  }
}

function safePattern(pattern: string): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(new RegExp(pattern));
  } catch {
    return fc.string({ maxLength: 20 });
  }
}

/** Known ids by resource (`users`, `integration-keys`...; `any` for all of them). */
export type IdPool = Map<string, string[]>;

/** The resource a body field or path param names, if it holds an id. */
const FIELD_RESOURCES: Record<string, string> = {
  userId: 'users',
  userIds: 'users',
  teamId: 'teams',
  serviceId: 'services',
  escalationPolicyId: 'escalation-policies',
  policyId: 'escalation-policies',
  scheduleId: 'schedules',
  channelId: 'channels',
  noticeChannelIds: 'channels',
  incidentId: 'incidents',
  // Incident response (ADR 17).
  otherId: 'incidents',
  intoId: 'incidents',
  toUserId: 'users',
  handoffId: 'handoffs',
  serviceIds: 'services',
  impactedServiceIds: 'services',
  announceChannelId: 'channels',
  actorId: 'users',
  entityId: 'any',
  keyId: 'integration-keys',
  windowId: 'maintenance-windows',
  methodId: 'contact-methods',
  ruleId: 'notification-rules',
  overrideId: 'overrides',
  swapId: 'swaps',
  user: 'users',
  team: 'teams',
  schedule: 'schedules',
  channel: 'channels',
  target: 'any',
  replaces: 'users',
  from: 'users',
  to: 'users',
};

function knownIds(pool: IdPool, resource: string | undefined): string[] {
  if (resource === undefined) return [];
  const ids = pool.get(resource) ?? [];
  return ids.length > 0 ? ids : (pool.get('any') ?? []);
}

function stringFrom(schema: JsonSchema, pool: IdPool, resource: string | undefined): fc.Arbitrary<string> {
  const ids = knownIds(pool, resource ?? (schema.format === 'uuid' ? 'any' : undefined));
  const own = ownStringFrom(schema);
  return ids.length > 0
    ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: own })
    : own;
}

function ownStringFrom(schema: JsonSchema): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress();
    case 'date-time':
      return fc
        .date({ min: new Date('1990-01-01Z'), max: new Date('2040-01-01Z'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('1990-01-01Z'), max: new Date('2040-01-01Z'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
  }
  if (schema.pattern) return safePattern(schema.pattern);
  const maxLength = Math.min(schema.maxLength ?? 30, 30);
  const minLength = Math.min(schema.minLength ?? 0, maxLength);
  return fc.string({ minLength, maxLength });
}

/** How values are drawn: from the schemas only, or with hostile values in about one leaf in six. */
interface Draw {
  pool: IdPool;
  hostile: boolean;
}

/** A value for `schema`. */
export function valueFrom(
  schema: JsonSchema | undefined,
  draw: Draw,
  depth = 0,
  resource?: string,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 8) return fc.jsonValue({ maxDepth: 2 });
  const valid = validFrom(schema, draw, depth, resource);
  const withNull = schema.nullable
    ? fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: fc.constant(null) })
    : valid;
  return draw.hostile
    ? fc.oneof({ weight: 5, arbitrary: withNull }, { weight: 1, arbitrary: hostile(schema) })
    : withNull;
}

function validFrom(schema: JsonSchema, draw: Draw, depth: number, resource: string | undefined): fc.Arbitrary<unknown> {
  const { pool } = draw;
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0)
    return fc.oneof(...alternatives.map((s) => valueFrom(s, draw, depth + 1, resource)));
  if (schema.allOf && schema.allOf.length > 0) return valueFrom(schema.allOf[0], draw, depth + 1);
  switch (schema.type) {
    case 'string':
      return stringFrom(schema, pool, resource);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : -1000);
      const max = schema.maximum ?? Math.max(min + 1000, 1000);
      return schema.type === 'integer'
        ? fc.integer({ min: Math.max(Math.ceil(min), -(2 ** 31)), max: Math.min(Math.floor(max), 2 ** 31) })
        : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'array': {
      const minLength = Math.min(schema.minItems ?? 0, 3);
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 3, 3));
      return fc.array(valueFrom(schema.items, draw, depth + 1, resource), { minLength, maxLength });
    }
    case 'object':
      return objectFrom(schema, draw, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectFrom(schema: JsonSchema, draw: Draw, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  if (names.length === 0) {
    const values =
      typeof schema.additionalProperties === 'object'
        ? valueFrom(schema.additionalProperties, draw, depth + 1)
        : fc.jsonValue({ maxDepth: 1 });
    return fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...HOSTILE_STRINGS)), values, {
      maxKeys: 3,
    });
  }
  const model = Object.fromEntries(
    names.map((name) => [name, valueFrom(properties[name], draw, depth + 1, FIELD_RESOURCES[name])]),
  );
  const record = fc.record(model, { requiredKeys: schema.required?.filter((k) => names.includes(k)) ?? [] });
  if (!draw.hostile) return record;
  // Now and then: a required field missing, or a field nobody asked for.
  return fc.oneof(
    { weight: 8, arbitrary: record },
    {
      weight: 1,
      arbitrary: fc
        .tuple(record, fc.constantFrom(...names))
        .map(([r, drop]) => Object.fromEntries(Object.entries(r as object).filter(([k]) => k !== drop))),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(record, hostileString, fc.jsonValue({ maxDepth: 1 }))
        .map(([r, k, v]) => ({ ...(r as object), [k || 'extra']: v })),
    },
  );
}

/** `/api/v1/services/{id}/integration-keys/{keyId}`, `keyId` → `integration-keys`; `id` → `services`. */
export function resourceOfPathParam(path: string, name: string): string {
  const segments = path.split('/');
  const at = segments.indexOf(`{${name}}`);
  const before = segments[at - 1] ?? 'any';
  return before === 'members' ? 'users' : before;
}

/** Percent-encodes any JavaScript string, lone surrogates included (as their WTF-8 bytes, which a hostile client can send). */
export function encodeAny(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out +=
        `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    } else {
      out += encodeURIComponent(text[i]!);
    }
  }
  return out;
}

const asText = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));

/** A request for `operation`, from an owner or from nobody; half of them carry hostile values. */
export function requestFor(operation: Operation, pool: IdPool): fc.Arbitrary<FuzzRequest> {
  return fc.boolean().chain((hostile) => draftRequest(operation, { pool, hostile }));
}

function draftRequest(operation: Operation, draw: Draw): fc.Arbitrary<FuzzRequest> {
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  const queryParams = operation.parameters.filter((p) => p.in === 'query');
  const path = fc
    .tuple(
      ...pathParams.map((p) =>
        valueFrom(p.schema ?? { type: 'string' }, draw, 0, resourceOfPathParam(operation.path, p.name)),
      ),
    )
    .map((values) =>
      pathParams.reduce(
        (url, p, i) => url.replace(`{${p.name}}`, encodeAny(asText(values[i])) || '%20'),
        operation.path,
      ),
    );
  const query = fc
    .tuple(
      ...queryParams.map((p) =>
        p.required
          ? valueFrom(p.schema, draw, 0, FIELD_RESOURCES[p.name]).map((v) => [v])
          : fc
              .option(valueFrom(p.schema, draw, 0, FIELD_RESOURCES[p.name]), { freq: 2 })
              .map((v) => (v === null ? [] : [v])),
      ),
    )
    .map((values) =>
      queryParams
        .flatMap((p, i) => (values[i] ?? []).map((v) => `${encodeAny(p.name)}=${encodeAny(asText(v))}`))
        .join('&'),
    );
  const json = operation.body ? valueFrom(operation.body, draw).map((v) => JSON.stringify(v) ?? 'null') : undefined;
  const broken = fc.constantFrom(
    '{',
    '{"a":',
    '[1,',
    '"\\ud800"',
    '{"a":"\\u0000"}',
    '{"__proto__":{"x":1}}',
    '9'.repeat(400),
    '',
  );
  const body: fc.Arbitrary<string | undefined> = !json
    ? fc.constant(undefined)
    : draw.hostile
      ? fc.oneof({ weight: 12, arbitrary: json }, { weight: 1, arbitrary: broken })
      : json;
  const headers = draw.hostile
    ? fc.option(
        fc.record(
          {
            cookie: hostileString.map((v) => `tocsin_session=${encodeAny(v)}`),
            'x-request-id': hostileString.map(encodeAny),
          },
          { requiredKeys: [] },
        ),
        { freq: 4 },
      )
    : fc.constant(null);
  return fc
    .record({
      path,
      query,
      body,
      headers,
      authenticated: fc.oneof(
        { weight: 3, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) },
      ),
    })
    .map((r) => {
      const request: FuzzRequest = {
        operation: `${operation.method} ${operation.path}`,
        method: operation.method,
        url: r.query ? `${r.path}?${r.query}` : r.path,
        ...(r.body !== undefined && { body: r.body }),
        ...(r.headers && { headers: r.headers as Record<string, string> }),
        authenticated: r.authenticated,
      };
      // fast-check prints counterexamples with this: keep 20 kB strings out of the report.
      return Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) });
    });
}

/** One line (and a shortened body) a person can replay with curl. */
export function describeRequest(request: FuzzRequest): string {
  const cut = (text: string) => (text.length > 600 ? `${text.slice(0, 600)}... (${text.length} characters)` : text);
  const headers = Object.entries(request.headers ?? {})
    .map(([name, value]) => ` ${name}: ${cut(value)}`)
    .join(';');
  return `${request.method} ${cut(request.url)}${request.authenticated ? ' (as owner)' : ' (no credentials)'}${headers}${request.body === undefined ? '' : ` body: ${cut(request.body)}`}`;
}

/** Text that only the database, the runtime or a stack trace would write: none of it may reach a caller. */
export const LEAK_PATTERNS: RegExp[] = [
  /invalid byte sequence/i,
  /unsupported Unicode escape/i,
  /violates (unique|foreign key|not-null|check|exclusion) constraint/i,
  /duplicate key value/i,
  /syntax error at or near/i,
  /relation "[^"]*" does not exist/i,
  /column "[^"]*"/i,
  /invalid input syntax for type/i,
  /out of range for type/i,
  /current transaction is aborted/i,
  /\bpg_[a-z]/i,
  /node_modules\//,
  /\n\s+at [^\n]+:\d+:\d+/,
  /\bat [\w$.<>]+ \([^)]*\.(ts|js):\d+:\d+\)/,
];
