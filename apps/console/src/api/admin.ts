import type {
  AgentListResponse,
  AgentResponse,
  AgentRole,
  AgentUpdateInput,
  Department,
  DepartmentInput,
  DepartmentListResponse,
  DepartmentResponse,
  OrgSettings,
  OrgSettingsPatch,
  SettingsResponse,
  SiteListResponse,
  SiteSummary,
  Agent,
  Ban,
  BanListResponse,
  CannedResponse,
  CannedResponseInput,
  ConversationResponse,
  Message,
  MessagesResponse,
  SiteResponse,
  SiteSettingsPatch,
  ChangePasswordInput,
  CreateSiteInput,
  TwoFactorEnableResponse,
  TwoFactorSetupResponse,
} from '@parley/protocol';
import { contactsApi } from './contacts';
import { apiRequest } from './http';
import { ticketsApi } from './tickets';
import { sendForm, uploadFile } from './upload';
import { tagsApi } from './tags';

/** The protocol's largest history page (MAX_HISTORY_PAGE; kept here to keep zod out). */
const HISTORY_PAGE = 200;

export interface NewAgentInput {
  email: string;
  name: string;
  password: string;
  role: AgentRole;
  /** The sites they work on; every current site when left out. */
  siteIds?: string[];
}

type Change = <T>(method: 'POST' | 'PUT' | 'PATCH', path: string, body: unknown) => Promise<T>;

/** Saved replies. */
function cannedApi(change: Change, csrfToken: string) {
  return {
    listCanned: (): Promise<CannedResponse[]> =>
      apiRequest<{ responses: CannedResponse[] }>('/canned-responses').then((r) => r.responses),
    createCanned: (input: CannedResponseInput): Promise<CannedResponse> =>
      change<{ response: CannedResponse }>('POST', '/canned-responses', input).then(
        (r) => r.response,
      ),
    updateCanned: (id: string, input: CannedResponseInput): Promise<CannedResponse> =>
      change<{ response: CannedResponse }>(
        'PUT',
        `/canned-responses/${encodeURIComponent(id)}`,
        input,
      ).then((r) => r.response),
    deleteCanned: (id: string): Promise<void> =>
      apiRequest<void>(`/canned-responses/${encodeURIComponent(id)}`, {
        method: 'DELETE',
        csrfToken,
      }),
  };
}

/** The organisation's settings, its agents and departments. */
function teamApi(change: Change) {
  return {
    getSettings: () => apiRequest<SettingsResponse>('/settings').then((r) => r.settings),
    patchSettings: (patch: OrgSettingsPatch): Promise<OrgSettings> =>
      change<SettingsResponse>('PATCH', '/settings', patch).then((r) => r.settings),

    listAgents: () => apiRequest<AgentListResponse>('/agents').then((r) => r.agents),
    /** Admins: every agent, deactivated ones included (with `deactivatedAt`). */
    listAllAgents: () =>
      apiRequest<AgentListResponse>('/agents?include=deactivated').then((r) => r.agents),
    createAgent: (input: NewAgentInput): Promise<Agent> =>
      change<AgentResponse>('POST', '/agents', input).then((r) => r.agent),
    updateAgent: (id: string, input: AgentUpdateInput): Promise<Agent> =>
      change<AgentResponse>('PATCH', `/agents/${encodeURIComponent(id)}`, input).then(
        (r) => r.agent,
      ),

    listDepartments: () =>
      apiRequest<DepartmentListResponse>('/departments').then((r) => r.departments),
    createDepartment: (input: DepartmentInput): Promise<Department> =>
      change<DepartmentResponse>('POST', '/departments', input).then((r) => r.department),
    updateDepartment: (id: string, input: DepartmentInput): Promise<Department> =>
      change<DepartmentResponse>('PUT', `/departments/${encodeURIComponent(id)}`, input).then(
        (r) => r.department,
      ),
  };
}

/** Sites: adding and removing them, routing, widget settings and the identity secret. */
function sitesApi(change: Change, csrfToken: string) {
  return {
    listSites: (): Promise<SiteSummary[]> =>
      apiRequest<SiteListResponse>('/sites').then((r) => r.sites),
    setSiteDepartments: (siteId: string, departmentIds: string[]): Promise<void> =>
      change<void>('PUT', `/sites/${encodeURIComponent(siteId)}/departments`, { departmentIds }),

    updateSite: (siteId: string, patch: SiteSettingsPatch): Promise<SiteSummary> =>
      change<SiteResponse>('PATCH', `/sites/${encodeURIComponent(siteId)}`, patch).then(
        (r) => r.site,
      ),
    createSite: (input: CreateSiteInput): Promise<SiteSummary> =>
      change<SiteResponse>('POST', '/sites', input).then((r) => r.site),
    removeSite: (siteId: string): Promise<void> =>
      apiRequest<void>(`/sites/${encodeURIComponent(siteId)}`, { method: 'DELETE', csrfToken }),
    regenerateIdentitySecret: (siteId: string): Promise<SiteSummary> =>
      change<SiteResponse>(
        'POST',
        `/sites/${encodeURIComponent(siteId)}/identity-secret`,
        undefined,
      ).then((r) => r.site),
  };
}

/** The signed-in agent's own account: password and two-factor sign-in. */
function accountApi(change: Change) {
  return {
    changePassword: (input: ChangePasswordInput): Promise<void> =>
      change<void>('PUT', '/agents/me/password', input),
    startTwoFactor: (): Promise<TwoFactorSetupResponse> =>
      change<TwoFactorSetupResponse>('POST', '/agents/me/two-factor/setup', undefined),
    enableTwoFactor: (code: string): Promise<TwoFactorEnableResponse> =>
      change<TwoFactorEnableResponse>('POST', '/agents/me/two-factor/enable', { code }),
    disableTwoFactor: (password: string): Promise<void> =>
      change<void>('POST', '/agents/me/two-factor/disable', { password }),
  };
}

/** Bans, the agent's photo, past chats and tickets. */
function recordsApi(change: Change, csrfToken: string) {
  return {
    listBans: (): Promise<Ban[]> => apiRequest<BanListResponse>('/bans').then((r) => r.bans),
    liftBan: (id: string): Promise<void> =>
      apiRequest<void>(`/bans/${encodeURIComponent(id)}`, { method: 'DELETE', csrfToken }),

    /** The signed-in agent's photo (PNG, JPEG or WebP, up to 2 MB). */
    uploadAvatar: (file: Blob, name: string): Promise<Agent> =>
      sendForm<AgentResponse>('/agents/me/avatar', file, name, csrfToken).then((r) => r.agent),
    removeAvatar: (): Promise<Agent> =>
      apiRequest<AgentResponse>('/agents/me/avatar', { method: 'DELETE', csrfToken }).then(
        (r) => r.agent,
      ),

    /** A past chat, read-only (the History tab); every page of its messages. */
    readConversation: async (id: string) => {
      const path = `/conversations/${encodeURIComponent(id)}`;
      const { conversation } = await apiRequest<ConversationResponse>(path);
      const messages: Message[] = [];
      for (;;) {
        const after = messages.at(-1)?.seq ?? 0;
        const page = await apiRequest<MessagesResponse>(
          `${path}/messages?afterSeq=${after}&limit=${HISTORY_PAGE}`,
        );
        messages.push(...page.messages);
        if (page.messages.length < HISTORY_PAGE) break;
      }
      return { conversation, messages };
    },
  };
}

/**
 * The REST calls behind the tickets and settings pages. Every change carries the session's
 * CSRF token; errors arrive as ApiError with the server's message and field details.
 */
export function createApi(csrfToken: string) {
  const change: Change = (method, path, body) => apiRequest(path, { method, body, csrfToken });
  return {
    upload: (conversationId: string, file: Blob, name: string, onProgress: (f: number) => void) =>
      uploadFile(conversationId, file, name, csrfToken, onProgress),
    ...cannedApi(change, csrfToken),
    ...teamApi(change),
    ...sitesApi(change, csrfToken),
    ...accountApi(change),
    ...recordsApi(change, csrfToken),
    ...ticketsApi(change),
    ...tagsApi(csrfToken),
    ...contactsApi(csrfToken),
  };
}

export type ConsoleApi = ReturnType<typeof createApi>;
