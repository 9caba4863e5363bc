import { ActionIcon, Button, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import {
  MAX_CHOICES,
  MAX_CHOICE_LENGTH,
  MIN_CHOICES,
  validateOptions,
} from '../../client/messages/options';

interface OptionsModalProps {
  opened: boolean;
  onClose: () => void;
  onSend: (question: string, choices: string[]) => void;
  /** What the composer held: a handy start for the question. */
  initialQuestion: string;
}

/** "Offer": a question with 2 to 6 choices the visitor answers with one click. */
export function OptionsModal({ opened, onClose, onSend, initialQuestion }: OptionsModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Send options" size="md">
      {opened && (
        <OptionsForm onClose={onClose} onSend={onSend} initialQuestion={initialQuestion} />
      )}
    </Modal>
  );
}

function OptionsForm({ onClose, onSend, initialQuestion }: Omit<OptionsModalProps, 'opened'>) {
  const [question, setQuestion] = useState(initialQuestion);
  const [choices, setChoices] = useState<string[]>(['', '']);
  const [errors, setErrors] = useState<Record<string, string>>({});

  function submit(e: FormEvent) {
    e.preventDefault();
    const result = validateOptions({ question, choices });
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    onSend(result.question, result.choices);
    onClose();
  }

  const setChoice = (i: number, v: string) => {
    setChoices((cs) => cs.map((c, j) => (j === i ? v : c)));
    setErrors((es) => {
      const rest = { ...es };
      delete rest[`choice${i}`];
      return rest;
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Textarea
          label="Question"
          placeholder="How would you like to get your refund?"
          autosize
          minRows={2}
          maxRows={5}
          value={question}
          onChange={(e) => setQuestion(e.currentTarget.value)}
          error={errors.question}
          data-autofocus
          required
        />
        <ChoicesEditor
          choices={choices}
          errors={errors}
          onChoice={setChoice}
          onRemove={(i) => {
            setChoices((cs) => cs.filter((_, j) => j !== i));
            setErrors({});
          }}
          onAdd={() => setChoices((cs) => [...cs, ''])}
        />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit">Send question</Button>
        </Group>
      </Stack>
    </form>
  );
}

interface ChoicesProps {
  choices: readonly string[];
  errors: Record<string, string>;
  onChoice: (i: number, value: string) => void;
  onRemove: (i: number) => void;
  onAdd: () => void;
}

/** The choices the visitor clicks, between MIN_CHOICES and MAX_CHOICES of them. */
function ChoicesEditor({ choices, errors, onChoice, onRemove, onAdd }: ChoicesProps) {
  return (
    <div>
      <Text size="sm" fw={500} mb={4}>
        Choices{' '}
        <Text span size="xs" c="dimmed">
          ({MIN_CHOICES} to {MAX_CHOICES}; the visitor picks one)
        </Text>
      </Text>
      <Stack gap={6}>
        {choices.map((c, i) => (
          <Group key={i} gap={6} wrap="nowrap" align="flex-start">
            <TextInput
              flex={1}
              aria-label={`Choice ${i + 1}`}
              placeholder={`Choice ${i + 1}`}
              value={c}
              maxLength={MAX_CHOICE_LENGTH}
              onChange={(e) => onChoice(i, e.currentTarget.value)}
              error={errors[`choice${i}`]}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              aria-label={`Remove choice ${i + 1}`}
              disabled={choices.length <= MIN_CHOICES}
              onClick={() => onRemove(i)}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
      </Stack>
      {errors.choices && (
        <Text size="xs" c="red.7" mt={4}>
          {errors.choices}
        </Text>
      )}
      <Button
        variant="subtle"
        size="compact-sm"
        mt={6}
        leftSection={<IconPlus size={14} aria-hidden />}
        disabled={choices.length >= MAX_CHOICES}
        onClick={onAdd}
      >
        Add choice
      </Button>
    </div>
  );
}
