import { API_PREFIX, type EraseResponse } from '@parley/protocol';
import { apiRequest } from './http';

/** Whose data: a visitor (with their chats) or a contact (with their visitors). */
export type DataSubject = 'visitors' | 'contacts';

const subjectPath = (kind: DataSubject, id: string) => `/${kind}/${encodeURIComponent(id)}`;

/** Data rights, admins only: one archive of everything held, or erasing all of it. */
export function privacyApi(csrfToken: string) {
  return {
    /** A zip download (data.json and files/), sent with the session cookie. */
    exportUrl: (kind: DataSubject, id: string): string =>
      `${API_PREFIX}${subjectPath(kind, id)}/export`,
    erase: (kind: DataSubject, id: string, confirm: string): Promise<EraseResponse> =>
      apiRequest<EraseResponse>(`${subjectPath(kind, id)}/erase`, {
        method: 'POST',
        csrfToken,
        body: { confirm },
      }),
  };
}
