import { Avatar, Button, FileButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconPhotoUp, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useConsole, useConsoleState } from '../../context';
import { errorMessage } from '../pages/ApiErrorAlert';
import { initials, PHOTO_TYPES, photoProblem } from './profile';

/**
 * The signed-in agent's photo: shown next to their name in the console and, when the
 * organisation allows it, in the header of the visitor's chat window.
 */
export function ProfilePhotoModal({ onDone }: { onDone: () => void }) {
  const { api, client } = useConsole();
  const { me, settings } = useConsoleState();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'remove' | null>(null);
  const [error, setError] = useState<string | null>(null);

  // A preview of the chosen file, released when another is chosen or the dialog closes.
  useEffect(() => {
    if (!file) return;
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  function choose(next: File | null) {
    setError(null);
    if (!next) return;
    const problem = photoProblem(next);
    if (problem) {
      setError(problem);
      return;
    }
    setFile(next);
  }

  async function run(kind: 'save' | 'remove') {
    setBusy(kind);
    setError(null);
    try {
      const agent =
        kind === 'save' && file
          ? await api.uploadAvatar(file, file.name)
          : await api.removeAvatar();
      client.applyAgent(agent);
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  const shown = file ? preview : me.avatarUrl;

  return (
    <Modal opened onClose={onDone} title="Profile photo" centered radius="lg" size="sm">
      <Stack gap="md" align="center">
        <Avatar src={shown} size={112} radius={112} color="indigo" alt="">
          {initials(me.name)}
        </Avatar>
        <PhotoHint shownToVisitors={!settings || settings.showAgentPhoto} />
        {error && (
          <Text size="sm" c="red.7" role="alert" ta="center">
            {error}
          </Text>
        )}
        <PhotoChoice
          chosen={file !== null}
          hasPhoto={Boolean(me.avatarUrl)}
          removing={busy === 'remove'}
          onChoose={choose}
          onRemove={() => void run('remove')}
        />
        <Group justify="flex-end" gap="sm" w="100%" mt="xs">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button disabled={!file} loading={busy === 'save'} onClick={() => void run('save')}>
            Save photo
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

interface ChoiceProps {
  chosen: boolean;
  hasPhoto: boolean;
  removing: boolean;
  onChoose: (file: File | null) => void;
  onRemove: () => void;
}

/** Choose a (new) photo, or remove the current one. */
function PhotoChoice({ chosen, hasPhoto, removing, onChoose, onRemove }: ChoiceProps) {
  return (
    <Group gap="sm" justify="center">
      <FileButton onChange={onChoose} accept={PHOTO_TYPES.join(',')}>
        {(props) => (
          <Button {...props} variant="default" leftSection={<IconPhotoUp size={16} aria-hidden />}>
            {chosen || hasPhoto ? 'Choose another' : 'Choose photo'}
          </Button>
        )}
      </FileButton>
      {hasPhoto && !chosen && (
        <Button
          variant="subtle"
          color="red"
          leftSection={<IconTrash size={16} aria-hidden />}
          loading={removing}
          onClick={onRemove}
        >
          Remove photo
        </Button>
      )}
    </Group>
  );
}

function PhotoHint({ shownToVisitors }: { shownToVisitors: boolean }) {
  return (
    <Text size="xs" c="dimmed" ta="center">
      PNG, JPEG or WebP, up to 2 MB; a square picture of your face works best.
      {shownToVisitors
        ? ' Visitors see it in the chat window while you answer them.'
        : ' Visitors do not see agent photos right now (Settings → General).'}
    </Text>
  );
}
