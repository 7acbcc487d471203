/** The moderation token of the end-to-end server: tests approve comments with it. */
export const EDITOR_TOKEN = 'e2e-editor-token';
