import createClient from 'openapi-fetch';
import type { components, paths } from './schema';
import { Session, authFetch } from './session';

export type Schemas = components['schemas'];
export type Member = Schemas['Member'];
export type MemberUpdate = Schemas['MemberUpdate'];
export type MemberList = Schemas['MemberList'];
export type Challenge = Schemas['Challenge'];
export type ChallengeCreate = Schemas['ChallengeCreate'];
export type ChallengeUpdate = Schemas['ChallengeUpdate'];
export type ChallengeStatus = Schemas['ChallengeStatus'];
export type Kind = Schemas['Kind'];
export type SolverKind = Schemas['SolverKind'];
export type Stage = Schemas['Stage'];
export type AvailableFor = Schemas['AvailableFor'];
export type Visibility = Schemas['Visibility'];
export type Me = Schemas['Me'];
export type Sector = Schemas['Sector'];
export type Reason = Schemas['Reason'];
export type MemberMatch = Schemas['MemberMatch'];
export type ChallengeMatch = Schemas['ChallengeMatch'];
export type Team = Schemas['Team'];
export type Interest = Schemas['Interest'];
export type Notification = Schemas['Notification'];
export type Preferences = Schemas['Preferences'];
export type PreferencesUpdate = Schemas['PreferencesUpdate'];
export type Suggestion = Schemas['Suggestion'];
export type FacetCount = Schemas['FacetCount'];
export type ImportReport = Schemas['ImportReport'];
export type Problem = Schemas['Problem'];
export type Frequency = Schemas['Frequency'];

const origin = typeof window !== 'undefined' ? window.location.origin : 'http://localhost';

/** The one session of this tab. */
export const session = new Session({ baseUrl: origin });

/** The typed API client; every call carries the access token and refreshes it once on a 401. */
export const api = createClient<paths>({ baseUrl: origin, fetch: authFetch(session) });

/** A client with another session and fetch (tests). */
export function makeClient(s: Session, baseUrl: string, base?: (r: Request) => Promise<Response>) {
  return createClient<paths>({ baseUrl, fetch: authFetch(s, base) });
}
