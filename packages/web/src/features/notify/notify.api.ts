/** The notify API: a person's contact methods and notification rules, and the notifications sent for an incident. */
import { unwrap, type paths, type TocsinClient } from '@tocsin/sdk';
import type { BodyOf } from '../../api/openapi-shapes';
import { useResource } from '../../api/use-resource';

export type NewContactMethod = BodyOf<paths['/api/v1/users/{id}/contact-methods']['post']>;
export type NewNotificationRule = BodyOf<paths['/api/v1/users/{id}/notification-rules']['post']>;

/** Tocsin's contact card (the numbers and addresses it pages from), downloaded by the browser itself. */
export const VCARD_URL = '/api/v1/notify/vcard';

/** Up to 200 notifications sent for one incident (by its uuid). */
export async function listIncidentNotifications(client: TocsinClient, incidentId: string) {
  return unwrap(await client.GET('/api/v1/notifications', { params: { query: { incidentId, limit: 200 } } })).items;
}

/** The deployment's VAPID public key, which a browser subscribes to push with. */
export async function getPushKey(client: TocsinClient) {
  return unwrap(await client.GET('/api/v1/notify/push-key'));
}

export function useContactMethods(userId: string) {
  return useResource(
    async (client) =>
      unwrap(await client.GET('/api/v1/users/{id}/contact-methods', { params: { path: { id: userId } } })).items,
    [userId],
  );
}

export function useNotificationRules(userId: string) {
  return useResource(
    async (client) =>
      unwrap(await client.GET('/api/v1/users/{id}/notification-rules', { params: { path: { id: userId } } })).items,
    [userId],
  );
}

export async function addContactMethod(client: TocsinClient, userId: string, body: NewContactMethod) {
  return unwrap(await client.POST('/api/v1/users/{id}/contact-methods', { params: { path: { id: userId } }, body }));
}

/** The path of one contact method, as the calls on it take it. */
interface MethodRef {
  userId: string;
  id: string;
}

const methodPath = (method: MethodRef) => ({ params: { path: { id: method.userId, methodId: method.id } } });

export async function verifyContactMethod(client: TocsinClient, method: MethodRef, code: string) {
  return unwrap(
    await client.POST('/api/v1/users/{id}/contact-methods/{methodId}/verify', {
      ...methodPath(method),
      body: { code },
    }),
  );
}

export async function resendContactMethodCode(client: TocsinClient, method: MethodRef) {
  return unwrap(await client.POST('/api/v1/users/{id}/contact-methods/{methodId}/resend', methodPath(method)));
}

export async function testContactMethod(client: TocsinClient, method: MethodRef) {
  return unwrap(await client.POST('/api/v1/users/{id}/contact-methods/{methodId}/test', methodPath(method)));
}

export async function deleteContactMethod(client: TocsinClient, method: MethodRef) {
  return unwrap(await client.DELETE('/api/v1/users/{id}/contact-methods/{methodId}', methodPath(method)));
}

export async function addNotificationRule(client: TocsinClient, userId: string, body: NewNotificationRule) {
  return unwrap(await client.POST('/api/v1/users/{id}/notification-rules', { params: { path: { id: userId } }, body }));
}

export async function deleteNotificationRule(client: TocsinClient, userId: string, ruleId: string) {
  return unwrap(
    await client.DELETE('/api/v1/users/{id}/notification-rules/{ruleId}', { params: { path: { id: userId, ruleId } } }),
  );
}
