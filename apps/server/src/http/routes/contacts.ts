import {
  API_PREFIX,
  ContactCreateInput,
  ContactLinkInput,
  ContactListQuery,
  ContactMergeInput,
  ContactUpdateInput,
  Id,
  type ContactListResponse,
  type ContactPageResponse,
  type ContactResponse,
  type VisitorContactResponse,
} from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { presentContact, presentContactPage } from '../../presenters/contact.js';
import { createContact } from '../../services/contacts/createContact.js';
import { editContact } from '../../services/contacts/editContact.js';
import { linkVisitor, unlinkVisitor } from '../../services/contacts/linkContact.js';
import { mergeContacts } from '../../services/contacts/mergeContacts.js';
import {
  contactOfVisitorFor,
  findContacts,
  readContactPage,
} from '../../services/contacts/readContacts.js';
import type { Deps } from '../../services/deps.js';
import { parseInput, sentFields } from '../../validation.js';
import { requireAgent } from '../auth.js';
import { Params } from './guards.js';

const LinkParams = z.object({ id: Id, visitorId: Id });

/** Customer records: agents only, each seeing the contacts of the sites they work on. */
export function contactRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(`${API_PREFIX}/contacts`, async (request): Promise<ContactListResponse> => {
    const { agent } = await requireAgent(deps, request);
    const query = parseInput(ContactListQuery, request.query);
    return { contacts: (await findContacts(deps, agent, query)).map(presentContact) };
  });

  app.post(`${API_PREFIX}/contacts`, async (request, reply) => {
    const { agent } = await requireAgent(deps, request);
    const input = parseInput(ContactCreateInput, request.body);
    const body: ContactResponse = {
      contact: presentContact(await createContact(deps, agent, input)),
    };
    return reply.code(201).send(body);
  });

  app.get(`${API_PREFIX}/contacts/:id`, async (request): Promise<ContactPageResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    return presentContactPage(await readContactPage(deps, agent, id));
  });

  app.patch(`${API_PREFIX}/contacts/:id`, async (request): Promise<ContactResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    const patch = sentFields(parseInput(ContactUpdateInput, request.body), request.body);
    return { contact: presentContact(await editContact(deps, agent, id, patch)) };
  });

  app.post(`${API_PREFIX}/contacts/:id/merge`, async (request): Promise<ContactResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    const { otherId } = parseInput(ContactMergeInput, request.body);
    return { contact: presentContact(await mergeContacts(deps, agent, id, otherId)) };
  });

  app.post(`${API_PREFIX}/contacts/:id/visitors`, async (request): Promise<ContactResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    const { visitorId } = parseInput(ContactLinkInput, request.body);
    return { contact: presentContact(await linkVisitor(deps, agent, id, visitorId)) };
  });

  app.delete(`${API_PREFIX}/contacts/:id/visitors/:visitorId`, async (request, reply) => {
    const { agent } = await requireAgent(deps, request);
    const { id, visitorId } = parseInput(LinkParams, request.params);
    await unlinkVisitor(deps, agent, id, visitorId);
    return reply.code(204).send();
  });

  app.get(
    `${API_PREFIX}/visitors/:id/contact`,
    async (request): Promise<VisitorContactResponse> => {
      const { agent } = await requireAgent(deps, request);
      const { id } = parseInput(Params, request.params);
      const contact = await contactOfVisitorFor(deps, agent, id);
      return { contact: contact ? presentContact(contact) : null };
    },
  );
}
