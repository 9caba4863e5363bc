/**
 * What only a click opens: the menu's sheets, the emoji grid and the picture viewer. They are
 * one chunk fetched on first need, so that opening the chat downloads less.
 */
export { EmojiPicker } from './EmojiPicker';
export { Lightbox } from './Lightbox';
export { MenuSheet } from './MenuSheet';
