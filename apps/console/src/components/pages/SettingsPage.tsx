import { Alert, Tabs, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { isSupervisor } from '../../client/conversations/conversations';
import { useConsoleState } from '../../context';
import { navigate } from '../../hooks/useRoute';
import { settingsSections, type SettingsSection } from '../../route';
import classes from './Page.module.css';
import { AgentsSettings } from './settings/AgentsSettings';
import { BansSettings } from './settings/BansSettings';
import { DepartmentsSettings } from './settings/DepartmentsSettings';
import { GeneralSettings } from './settings/GeneralSettings';
import { SitesSettings } from './settings/SitesSettings';
import { SsoSettings } from './settings/SsoSettings';
import { TagsSettings } from './settings/TagsSettings';

const labels: Record<SettingsSection, string> = {
  general: 'General',
  agents: 'Agents',
  departments: 'Departments',
  sites: 'Sites',
  tags: 'Tags',
  bans: 'Bans',
  sso: 'Single sign-on',
};

/** Organisation settings: admins change them, supervisors read them. */
export default function SettingsPage({ section }: { section: SettingsSection }) {
  const { me } = useConsoleState();
  const canEdit = me.role === 'admin';

  if (!isSupervisor(me)) {
    return (
      <section className={classes.page}>
        <div className={classes.inner}>
          <Title order={1} fz="h3">
            Settings
          </Title>
          <Text c="dimmed" size="sm" mt="xs">
            Only admins and supervisors can see the settings.
          </Text>
        </div>
      </section>
    );
  }

  return (
    <section className={classes.page} aria-labelledby="settings-title">
      <div className={classes.inner}>
        <Title order={1} fz="h3" id="settings-title">
          Settings
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          How chats are routed, who answers them, and where the widget runs.
        </Text>
        {/* Supervisors do lift bans: the read-only note is about the other sections. */}
        {!canEdit && section !== 'bans' && (
          <Alert color="gray" variant="light" icon={<IconLock size={16} />} mb="md" role="note">
            You can look at everything here; only admins can change it.
          </Alert>
        )}
        <Tabs
          value={section}
          onChange={(v) => {
            const next = settingsSections.find((s) => s === v);
            if (next) navigate({ page: 'settings', section: next });
          }}
          keepMounted={false}
        >
          <Tabs.List mb="lg">
            {/* Single sign-on holds a client secret: its settings are for admins alone. */}
            {settingsSections
              .filter((s) => s !== 'sso' || canEdit)
              .map((s) => (
                <Tabs.Tab key={s} value={s}>
                  {labels[s]}
                </Tabs.Tab>
              ))}
          </Tabs.List>
          <Tabs.Panel value="general">
            <GeneralSettings canEdit={canEdit} />
          </Tabs.Panel>
          <Tabs.Panel value="agents">
            <AgentsSettings canEdit={canEdit} />
          </Tabs.Panel>
          <Tabs.Panel value="departments">
            <DepartmentsSettings canEdit={canEdit} />
          </Tabs.Panel>
          <Tabs.Panel value="sites">
            <SitesSettings canEdit={canEdit} />
          </Tabs.Panel>
          <Tabs.Panel value="tags">
            <TagsSettings canEdit={canEdit} />
          </Tabs.Panel>
          <Tabs.Panel value="bans">
            <BansSettings canLift={isSupervisor(me)} />
          </Tabs.Panel>
          {canEdit && (
            <Tabs.Panel value="sso">
              <SsoSettings />
            </Tabs.Panel>
          )}
        </Tabs>
      </div>
    </section>
  );
}
