import type { ComposerMode } from '../conversations/permissions';
import type { SendBlock } from './uploads';

/** The reply box's placeholder: what writing here does in this chat's mode. */
export function composerPlaceholder(mode: ComposerMode, isPrivate: boolean): string {
  if (!mode.public && !mode.private) return mode.hint;
  if (isPrivate) return 'Private note: only agents see it…';
  return mode.hint
    ? `Write a reply… (${mode.hint.toLowerCase()})`
    : 'Write a reply… (type / for saved replies)';
}

/** The line beside the tools: why Send waits, who sees a note, or how to send. */
export function composerHint(mode: ComposerMode, isPrivate: boolean, blocked: SendBlock): string {
  if (!mode.public && !mode.private) return '';
  if (blocked === 'uploading') return 'Waiting for the upload to finish…';
  if (blocked === 'failed') return 'Remove or retry the file that failed';
  if (isPrivate) return mode.public ? 'Private: the visitor will not see this' : mode.hint;
  return 'Enter to send · Shift+Enter for a new line';
}
