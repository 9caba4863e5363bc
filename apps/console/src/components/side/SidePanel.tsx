import { Badge, Tabs, Text } from '@mantine/core';
import type { Conversation } from '@parley/protocol';
import { canSeeRoutingLog } from '../../client/conversations/permissions';
import { useConsoleState } from '../../context';
import { TeamPanel } from '../team/TeamPanel';
import { VisitorPanel } from '../visitor/VisitorPanel';
import { RoutingLogPanel } from './RoutingLogPanel';
import classes from './SidePanel.module.css';

export type SideTab = 'visitor' | 'log' | 'team';

interface SidePanelProps {
  conversation: Conversation | null;
  tab: SideTab;
  onTab: (tab: SideTab) => void;
  unreadDirects: number;
}

/** The right panel: the open chat's visitor and routing log, and the team. */
export function SidePanel({ conversation, tab, onTab, unreadDirects }: SidePanelProps) {
  const { me } = useConsoleState();
  if (!conversation) {
    return (
      <div className={classes.panel}>
        <Text component="h2" className={classes.heading}>
          Team
        </Text>
        <div className={classes.body}>
          <TeamPanel />
        </div>
      </div>
    );
  }
  const showLog = canSeeRoutingLog(conversation, me);
  const active: SideTab = tab === 'log' && !showLog ? 'visitor' : tab;

  return (
    <Tabs
      value={active}
      onChange={(v) => onTab((v as SideTab | null) ?? 'visitor')}
      className={classes.panel}
      keepMounted={false}
    >
      <Tabs.List grow className={classes.tabs}>
        <Tabs.Tab value="visitor">Visitor</Tabs.Tab>
        {showLog && <Tabs.Tab value="log">Routing log</Tabs.Tab>}
        <Tabs.Tab
          value="team"
          rightSection={
            unreadDirects > 0 ? (
              <Badge size="xs" circle color="indigo" aria-label={`${unreadDirects} unread`}>
                {unreadDirects}
              </Badge>
            ) : null
          }
        >
          Team
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="visitor" className={classes.body}>
        <VisitorPanel conversation={conversation} />
      </Tabs.Panel>
      {showLog && (
        <Tabs.Panel value="log" className={classes.body}>
          <RoutingLogPanel conversation={conversation} />
        </Tabs.Panel>
      )}
      <Tabs.Panel value="team" className={classes.body}>
        <TeamPanel />
      </Tabs.Panel>
    </Tabs>
  );
}
