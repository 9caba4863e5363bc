import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as contract from './contract.js';
import * as protocol from './index.js';

/** Modules a file loads at runtime: `import`/`export ... from` that are not type-only. */
function runtimeImports(file: URL): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  for (const m of source.matchAll(/^(import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms))
    specifiers.push(m[2]!);
  return specifiers;
}

describe('the contract entry', () => {
  it('loads no zod, directly or through what it re-exports', () => {
    const seen = new Set<string>();
    const visit = (file: URL) => {
      if (seen.has(file.href)) return;
      seen.add(file.href);
      for (const spec of runtimeImports(file)) {
        expect(spec, `${file.pathname} imports ${spec}`).not.toBe('zod');
        if (spec.startsWith('.')) visit(new URL(spec.replace(/\.js$/, '.ts'), file));
      }
    };
    visit(new URL('./contract.ts', import.meta.url));
    expect(seen.size).toBeGreaterThan(1);
  });

  it('is what the schemas are built from', () => {
    expect(protocol.AgentRole.options).toEqual([...contract.agentRoles]);
    expect(protocol.AgentStatus.options).toEqual([...contract.agentStatuses]);
    expect(protocol.ConversationStatus.options).toEqual([...contract.conversationStatuses]);
    expect(protocol.WidgetLanguage.options).toEqual([...contract.widgetLanguages]);
    expect(protocol.Distribution.options).toEqual([...contract.distributions]);
    expect(protocol.RoutingLogKind.options).toEqual([...contract.routingLogKinds]);
    expect(protocol.MAX_MESSAGE_LENGTH).toBe(contract.MAX_MESSAGE_LENGTH);
    expect(protocol.OrgSettings.parse({})).toMatchObject(
      Object.fromEntries(
        Object.entries(contract.ORG_SETTING_RANGES).map(([k, r]) => [k, r.default]),
      ),
    );
  });

  it('enforces its limits in the schemas', () => {
    const long = (n: number) => 'x'.repeat(n);
    const ticket = { name: 'Ann', email: 'ann@example.com', message: 'Hi' };
    expect(protocol.TicketInput.safeParse({ ...ticket, name: long(100) }).success).toBe(true);
    expect(protocol.TicketInput.safeParse({ ...ticket, name: long(101) }).success).toBe(false);
    const live = { t: 'token', pv: 'abcdefgh', url: 'https://a.example/' };
    for (const [field, max] of Object.entries(contract.LIVE_QUERY_LIMITS)) {
      expect(protocol.LiveQuery.safeParse({ ...live, [field]: long(max) }).success).toBe(true);
      expect(protocol.LiveQuery.safeParse({ ...live, [field]: long(max + 1) }).success).toBe(false);
    }
  });

  it('lists every socket event', () => {
    expect(contract.visitorClientEvents).toContain('message:send');
    expect(new Set(contract.agentClientEvents).size).toBe(contract.agentClientEvents.length);
    expect(contract.visitorServerEvents).toContain('invitation');
    expect(contract.agentServerEvents).toContain('visitors:count');
  });
});

describe('names and attributes a visitor sets', () => {
  it('lose the bidirectional controls that would disguise them', () => {
    const parsed = protocol.IdentifyInput.parse({
      name: '\u202Egnp.exe',
      attributes: { plan: 'gold\u2066\u202E' },
    });
    expect(parsed).toMatchObject({ name: 'gnp.exe', attributes: { plan: 'gold' } });
    expect(protocol.VisitorUpdateInput.parse({ name: ' \u202DAda\u202C ' }).name).toBe('Ada');
    const onlyControls = protocol.TicketInput.safeParse({
      name: '\u202E\u2066',
      email: 'a@b.co',
      message: 'Hello',
    });
    expect(onlyControls.success).toBe(false);
  });
});
