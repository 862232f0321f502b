/**
 * The audit log for admins: deletes and token changes, newest first (scope in src/auth/scopes.ts).
 * A plain bounded list rather than a connection: it is read by people looking into an
 * incident, rarely, and the newest entries are what they want first.
 */
import { builder } from './builder.js';
import { IssueList } from './errors.js';

const MAX_AUDIT_ENTRIES = 500;

const AuditEntryRef = builder.prismaObject('AuditEntry', {
  description: 'One destructive or security-relevant action: who (token name; null with AUTH=off), what, on which id, when.',
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.expose('at', { type: 'DateTime' }),
    action: t.exposeString('action', { description: 'DELETE_RUN, DELETE_STUDY, CREATE_TOKEN or REVOKE_TOKEN.' }),
    targetId: t.exposeString('targetId', { description: 'The database id of the run, study or token acted on.' }),
    tokenName: t.exposeString('tokenName', { nullable: true, description: 'The token that did it; null with AUTH=off or from the token CLI.' }),
  }),
});

builder.queryField('auditEntries', (t) =>
  t.prismaField({
    type: [AuditEntryRef],
    description: `Audit entries, newest first (at most ${MAX_AUDIT_ENTRIES}). Needs the admin scope.`,
    args: { first: t.arg.int({ defaultValue: 50 }) },
    complexity: (args) => Math.min(MAX_AUDIT_ENTRIES, args.first ?? 50),
    resolve: (query, _root, args, ctx) => {
      const first = args.first ?? 50;
      const issues = new IssueList();
      if (!(Number.isInteger(first) && first >= 1 && first <= MAX_AUDIT_ENTRIES)) issues.add('first', `must be 1 to ${MAX_AUDIT_ENTRIES}`);
      issues.throwIfAny();
      return ctx.db.prisma.auditEntry.findMany({ ...query, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: first });
    },
  }),
);
