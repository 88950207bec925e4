import type { Role } from '@jianzheng/core';

/**
 * Who may do what, by role: the routes guard with this table (`allow(PERMISSIONS.x)`), and
 * `/api/me` hands it to the pages so that a page never offers a form its reader's role cannot submit (the
 * campaign browser test submits every form it is shown, as each role).
 */
export const PERMISSIONS = {
  'batch.create': ['admin', 'reviewer'],
  import: ['admin', 'reviewer', 'department'],
  review: ['admin', 'reviewer'],
  annotate: ['admin', 'reviewer', 'department'],
  'legal.read': ['admin', 'reviewer', 'legal'],
  // The legal office settles the level of a 设定依据 it is asked about (domain.md §14).
  'legal.resolve': ['admin', 'legal'],
  'comments.read': ['admin', 'reviewer', 'legal'],
  'comments.answer': ['admin', 'reviewer'],
  'audit.read': ['admin', 'reviewer', 'legal'],
  'programme.read': ['admin', 'reviewer', 'legal', 'department'],
  'programme.write': ['admin'],
  'token.create': ['admin'],
  'token.list': ['admin'],
  'token.revoke': ['admin'],
  'transition.submit': ['admin', 'reviewer'],
  'transition.confirm': ['admin', 'reviewer'],
  'transition.open-comment': ['admin', 'reviewer'],
  'transition.close-comment': ['admin', 'reviewer'],
  'transition.legal-review': ['admin', 'legal'],
  'transition.review-adjustment': ['admin', 'legal'],
  'transition.approve': ['admin'],
  'transition.publish': ['admin'],
  'transition.adjust': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** The roles that may take a stage transition (unknown actions: admins only). */
export function transitionRoles(action: string): readonly Role[] {
  return (PERMISSIONS as Record<string, readonly Role[]>)[`transition.${action}`] ?? ['admin'];
}

export function permissionsOf(role: Role | 'anonymous'): Permission[] {
  if (role === 'anonymous') return [];
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) =>
    (PERMISSIONS[p] as readonly Role[]).includes(role),
  );
}
