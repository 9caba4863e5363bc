import { describe, expect, it } from 'vitest';
import type { ComposerMode } from '../conversations/permissions';
import { composerHint, composerPlaceholder } from './wording';

const reply: ComposerMode = { public: true, private: true, hint: '' };
const waiting: ComposerMode = { public: true, private: true, hint: 'Replying accepts this chat.' };
const whisper: ComposerMode = { public: false, private: true, hint: 'Whisper to Ana.' };
const closed: ComposerMode = { public: false, private: false, hint: 'This chat is closed.' };

describe('composer wording by mode', () => {
  it('says what writing does', () => {
    expect(composerPlaceholder(reply, false)).toBe('Write a reply… (type / for saved replies)');
    expect(composerPlaceholder(waiting, false)).toBe(
      'Write a reply… (replying accepts this chat.)',
    );
    expect(composerPlaceholder(reply, true)).toBe('Private note: only agents see it…');
    expect(composerPlaceholder(whisper, true)).toBe('Private note: only agents see it…');
    expect(composerPlaceholder(closed, false)).toBe('This chat is closed.');
  });

  it('says why Send waits before who sees the message', () => {
    expect(composerHint(reply, false, null)).toBe('Enter to send · Shift+Enter for a new line');
    expect(composerHint(reply, true, 'uploading')).toBe('Waiting for the upload to finish…');
    expect(composerHint(reply, false, 'failed')).toBe('Remove or retry the file that failed');
    expect(composerHint(reply, true, null)).toBe('Private: the visitor will not see this');
    expect(composerHint(whisper, true, null)).toBe('Whisper to Ana.');
    expect(composerHint(closed, false, 'uploading')).toBe('');
  });
});
