import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './Page.module.css';

/** A record's page before it has loaded: the way back, and "Loading…" or why it failed. */
export function PageLoading(props: { label: string; back: ReactNode; alert: ReactNode }) {
  return (
    <section className={classes.page} aria-label={props.label}>
      <div className={classes.inner}>
        {props.back}
        {props.alert ?? (
          <Text c="dimmed" size="sm" mt="md">
            Loading…
          </Text>
        )}
      </div>
    </section>
  );
}
