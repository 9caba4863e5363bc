import { Text } from '@mantine/core';

/** One term/value pair in the visitor details; a missing value says so instead of vanishing. */
export function InfoRow({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <Text
        component="dt"
        size="xs"
        c="dimmed"
        fw={600}
        tt="uppercase"
        style={{ letterSpacing: '0.04em' }}
      >
        {label}
      </Text>
      <Text
        component="dd"
        size="sm"
        m={0}
        c={value ? 'gray.9' : 'dimmed'}
        dir="auto"
        style={{ overflowWrap: 'anywhere' }}
      >
        {value ?? 'Not given'}
      </Text>
    </div>
  );
}
