/** Why a page could not be sent, in the agent's terms (shared by the dialog and the drop). */
export function sendPageError(code: string | undefined, message: string): string {
  if (code === 'URL_NOT_ALLOWED') {
    return "That page is not on this site's allowed origins. Send a page of the site the visitor is on.";
  }
  return message;
}
