/** Relay global ids → database ids, with a clear error for a malformed id or the wrong type. */
import { decodeGlobalID } from '@pothos/plugin-relay';
import type { IssueList } from './errors.js';

/** The database id inside a global id of `typename`, or null (and an issue) if it is not one. */
export function databaseIdOf(globalId: string, typename: string, path: string, issues: IssueList): string | null {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    issues.add(path, `"${globalId}" is not a valid ${typename} id`);
    return null;
  }
  if (decoded.typename !== typename || decoded.id === '') {
    issues.add(path, `"${globalId}" is not a ${typename} id (it names a ${decoded.typename || 'nothing'})`);
    return null;
  }
  return decoded.id;
}
