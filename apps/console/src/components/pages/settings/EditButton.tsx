import { Button } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';

/** A settings table row's "Edit", named after the row for screen readers and tests. */
export function EditButton({ name, onClick }: { name: string; onClick: () => void }) {
  return (
    <Button
      size="compact-sm"
      variant="default"
      leftSection={<IconPencil size={14} aria-hidden />}
      onClick={onClick}
      aria-label={`Edit ${name}`}
    >
      Edit
    </Button>
  );
}
