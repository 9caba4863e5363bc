import { MAX_MESSAGE_LENGTH } from '@parley/protocol';
import { expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS } from './limits';

it('mirrors the protocol message limit', () => {
  expect(MAX_MESSAGE_CHARS).toBe(MAX_MESSAGE_LENGTH);
});
