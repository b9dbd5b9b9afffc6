/** Use cases on teams and their members. */
import { inTransaction } from '../../db/client.js';
import { AppError, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/index.js';
import { requireRole } from '../access/index.js';
import { withDb, type Ctx } from '../context.js';
import { getUserRecord } from '../users/index.js';
import {
  deleteMembership,
  deleteTeamRow,
  findTeamRow,
  insertTeam,
  selectMembers,
  selectTeams,
  updateTeamRow,
  upsertMembership,
  type TeamRow,
} from './teams.repo.js';
import { CreateTeamSchema, type CreateTeamInput, type Team, type UpdateTeamInput } from './teams.schema.js';

async function withMembers(ctx: Pick<Ctx, 'db'>, rows: TeamRow[]): Promise<Team[]> {
  const members = await selectMembers(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    members: members
      .filter((m) => m.team_id === row.id)
      .map((m) => ({ userId: m.user_id, name: m.name, email: m.email, role: m.role })),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }));
}

async function requireTeam(ctx: Pick<Ctx, 'db'>, idOrSlug: string): Promise<TeamRow> {
  const row = await findTeamRow(ctx.db, idOrSlug);
  if (!row) throw notFound('Team', idOrSlug);
  return row;
}

export async function listTeams(ctx: Ctx): Promise<Team[]> {
  return withMembers(ctx, await selectTeams(ctx.db));
}

export async function getTeam(ctx: Ctx, idOrSlug: string): Promise<Team> {
  const [team] = await withMembers(ctx, [await requireTeam(ctx, idOrSlug)]);
  return team!;
}

export async function createTeam(ctx: Ctx, input: CreateTeamInput): Promise<Team> {
  requireRole(ctx.actor, 'admin', 'create teams');
  const data = CreateTeamSchema.parse(input);
  return inTransaction(ctx.db, async (tx) => {
    if (await findTeamRow(tx, data.slug)) {
      throw new AppError('conflict', `A team with slug "${data.slug}" already exists`, {
        details: { slug: data.slug },
      });
    }
    const now = ctx.clock.now();
    const row = await insertTeam(tx, { id: newId(now), ...data, created_at: now, updated_at: now });
    const [team] = await withMembers({ db: tx }, [row]);
    await recordAudit(withDb(ctx, tx), { action: 'team.created', entityType: 'team', entityId: row.id, after: team });
    return team!;
  });
}

export async function updateTeam(ctx: Ctx, idOrSlug: string, input: UpdateTeamInput): Promise<Team> {
  requireRole(ctx.actor, 'admin', 'change teams');
  return inTransaction(ctx.db, async (tx) => {
    const before = await requireTeam({ db: tx }, idOrSlug);
    const row = await updateTeamRow(tx, before.id, { ...input, updated_at: ctx.clock.now() });
    // Deleted by someone else between the read and the update: as gone as if it never was.
    if (!row) throw notFound('Team', idOrSlug);
    const [team] = await withMembers({ db: tx }, [row]);
    await recordAudit(withDb(ctx, tx), {
      action: 'team.updated',
      entityType: 'team',
      entityId: before.id,
      before,
      after: team,
    });
    return team!;
  });
}

export async function deleteTeam(ctx: Ctx, idOrSlug: string): Promise<void> {
  requireRole(ctx.actor, 'admin', 'delete teams');
  await inTransaction(ctx.db, async (tx) => {
    const [before] = await withMembers({ db: tx }, [await requireTeam({ db: tx }, idOrSlug)]);
    await deleteTeamRow(tx, before!.id);
    await recordAudit(withDb(ctx, tx), { action: 'team.deleted', entityType: 'team', entityId: before!.id, before });
  });
}

export async function setMembership(
  ctx: Ctx,
  idOrSlug: string,
  userId: string,
  role: 'member' | 'manager',
): Promise<Team> {
  requireRole(ctx.actor, 'admin', 'change team membership');
  return inTransaction(ctx.db, async (tx) => {
    const team = await requireTeam({ db: tx }, idOrSlug);
    if (!(await getUserRecord(tx, userId))) throw notFound('User', userId);
    await upsertMembership(tx, { team_id: team.id, user_id: userId, role, created_at: ctx.clock.now() });
    await recordAudit(withDb(ctx, tx), {
      action: 'team.member_set',
      entityType: 'team',
      entityId: team.id,
      after: { userId, role },
    });
    const [result] = await withMembers({ db: tx }, [team]);
    return result!;
  });
}

export async function removeMembership(ctx: Ctx, idOrSlug: string, userId: string): Promise<Team> {
  requireRole(ctx.actor, 'admin', 'change team membership');
  return inTransaction(ctx.db, async (tx) => {
    const team = await requireTeam({ db: tx }, idOrSlug);
    if (!(await deleteMembership(tx, team.id, userId))) {
      throw new AppError('not_found', `User ${userId} is not a member of team ${team.slug}`);
    }
    await recordAudit(withDb(ctx, tx), {
      action: 'team.member_removed',
      entityType: 'team',
      entityId: team.id,
      before: { userId },
    });
    const [result] = await withMembers({ db: tx }, [team]);
    return result!;
  });
}
