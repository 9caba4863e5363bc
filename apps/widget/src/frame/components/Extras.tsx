/**
 * What only a click opens: the menu's sheets, the emoji grid, the picture viewer and the
 * earlier conversations. They are one chunk fetched on first need, so that opening the chat
 * downloads less.
 */
export { EarlierList } from './EarlierList';
export { EmojiPicker } from './EmojiPicker';
export { Lightbox } from './Lightbox';
export { MenuSheet } from './MenuSheet';
