import type {
  Contact,
  ContactCreateInput,
  ContactListResponse,
  ContactPageResponse,
  ContactResponse,
  ContactUpdateInput,
  VisitorContactResponse,
} from '@parley/protocol';
import { apiRequest } from './http';

const contactPath = (id: string) => `/contacts/${encodeURIComponent(id)}`;

/** Customer records: lists, one contact's page, edits, links to visitors, merges. */
export function contactsApi(csrfToken: string) {
  const change = <T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
    apiRequest<T>(path, { method, csrfToken, ...(body !== undefined ? { body } : {}) });
  return {
    listContacts: (filters: { q?: string; siteId?: string }): Promise<Contact[]> => {
      const query = new URLSearchParams();
      if (filters.q) query.set('q', filters.q);
      if (filters.siteId) query.set('siteId', filters.siteId);
      const qs = query.toString();
      return apiRequest<ContactListResponse>(`/contacts${qs ? `?${qs}` : ''}`).then(
        (r) => r.contacts,
      );
    },
    readContact: (id: string): Promise<ContactPageResponse> =>
      apiRequest<ContactPageResponse>(contactPath(id)),
    visitorContact: (visitorId: string): Promise<Contact | null> =>
      apiRequest<VisitorContactResponse>(`/visitors/${encodeURIComponent(visitorId)}/contact`).then(
        (r) => r.contact,
      ),
    createContact: (input: ContactCreateInput): Promise<Contact> =>
      change<ContactResponse>('POST', '/contacts', input).then((r) => r.contact),
    updateContact: (id: string, patch: ContactUpdateInput): Promise<Contact> =>
      change<ContactResponse>('PATCH', contactPath(id), patch).then((r) => r.contact),
    linkVisitor: (id: string, visitorId: string): Promise<Contact> =>
      change<ContactResponse>('POST', `${contactPath(id)}/visitors`, { visitorId }).then(
        (r) => r.contact,
      ),
    unlinkVisitor: (id: string, visitorId: string): Promise<void> =>
      change<void>('DELETE', `${contactPath(id)}/visitors/${encodeURIComponent(visitorId)}`),
    mergeContacts: (keepId: string, otherId: string): Promise<Contact> =>
      change<ContactResponse>('POST', `${contactPath(keepId)}/merge`, { otherId }).then(
        (r) => r.contact,
      ),
  };
}
