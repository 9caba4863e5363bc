import type { FrameLocator, Page } from 'playwright-core';

/** The chat frame the loader puts on a page. */
export const chatFrame = (page: Page): FrameLocator => page.frameLocator('iframe[title="Chat"]');

/** Opens the widget from its launcher and waits until the message box is there. */
export async function openWidget(page: Page): Promise<FrameLocator> {
  await page.getByRole('button', { name: 'Open chat' }).click();
  const frame = chatFrame(page);
  await frame.getByRole('textbox', { name: 'Message' }).waitFor();
  return frame;
}
