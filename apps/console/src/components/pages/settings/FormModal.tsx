import { Button, Group, Modal, Stack, type MantineSize } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { ApiErrorAlert, errorDetails } from '../ApiErrorAlert';
import type { SubmitState } from './useSubmit';

export { useSubmit } from './useSubmit';

interface FormModalProps {
  title: string;
  state: SubmitState;
  /** Runs on submit (through `state.run`); close the modal from inside it when it succeeds. */
  onSubmit: () => Promise<void>;
  onClose: () => void;
  submitLabel: string;
  /** Red for what cannot be undone. */
  danger?: boolean;
  disabled?: boolean;
  size?: MantineSize;
  /** Hide the general error while the fields already say what is wrong. */
  errorOnlyWithoutFields?: boolean;
  children: ReactNode;
}

/** A settings dialog: its fields, the server's refusal, and Cancel beside the action. */
export function FormModal(props: FormModalProps) {
  const { state, errorOnlyWithoutFields } = props;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void state.run(props.onSubmit);
  };
  const showError =
    state.error !== null &&
    !(errorOnlyWithoutFields && Object.keys(errorDetails(state.error)).length > 0);
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={props.title}
      centered
      radius="lg"
      size={props.size}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {props.children}
          {showError ? <ApiErrorAlert error={state.error} onClose={state.clearError} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={state.busy}
              disabled={props.disabled}
              color={props.danger ? 'red' : undefined}
            >
              {props.submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
