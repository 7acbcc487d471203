<?php
/**
 * Plugin Name: Broadsheet
 * Description: Tells a Broadsheet site when a post is published, edited, unpublished, trashed or deleted, so it
 *              syncs at once instead of at its next interval; points the editor's Preview button at
 *              Broadsheet's preview of the draft; and makes uploads at Broadsheet's image widths, so the site
 *              copies them instead of resizing (docs/sources.md).
 * Version:     1.0
 *
 * A must-use plugin: copy this file to wp-content/mu-plugins/. Settings, in wp-config.php (or, for tests, the
 * options of the same names in lower case):
 *
 *     define('BROADSHEET_URL', 'https://news.example');
 *     define('BROADSHEET_WEBHOOK_SECRET', 'the secret given to broadsheet-server as --webhook-secret');
 *
 * Each POST is signed as Ghost signs its webhooks: header `X-Broadsheet-Signature: sha256=<hex>, t=<ms>`, the hex
 * being HMAC-SHA256 with the secret over the body followed by the timestamp. Broadsheet refuses a signature more
 * than five minutes old, or one it has already received.
 *
 * A preview link is `{BROADSHEET_URL}/preview/wordpress/{id}?expires=<unix s>&signature=<hex>`, the hex being
 * HMAC-SHA256 with the secret over `wordpress:{id}` followed by `expires`; it lives ten minutes. Broadsheet reads
 * the draft (or its newer autosave) with its application password and shows it, never cached or indexed.
 */

defined('ABSPATH') || exit;

function broadsheet_webhook_setting($name)
{
    return defined($name) ? constant($name) : get_option(strtolower($name));
}

/** Sends `{"event": …, "post": {"id": …}}` for a post (not a page, revision or autosave). */
function broadsheet_webhook_send($post_id, $event)
{
    $site = broadsheet_webhook_setting('BROADSHEET_URL');
    $url = $site ? untrailingslashit($site) . '/webhooks/wordpress' : '';
    $secret = broadsheet_webhook_setting('BROADSHEET_WEBHOOK_SECRET');
    if (!$url || !$secret || wp_is_post_revision($post_id) || wp_is_post_autosave($post_id)) {
        return;
    }
    $post = get_post($post_id);
    if ($post && $post->post_type !== 'post') {
        return;
    }
    $body = wp_json_encode(['event' => $event, 'post' => ['id' => (int) $post_id]]);
    $t = (string) floor(microtime(true) * 1000);
    $signature = hash_hmac('sha256', $body . $t, $secret);
    $response = wp_remote_post($url, [
        'body' => $body,
        'headers' => [
            'Content-Type' => 'application/json',
            'X-Broadsheet-Signature' => "sha256=$signature, t=$t",
        ],
        'timeout' => 3,
    ]);
    if (is_wp_error($response)) {
        error_log('Broadsheet webhook: ' . $response->get_error_message());
    }
}

// Publishing, unpublishing, trashing and scheduled posts going live change the status; edits save the post.
add_action('transition_post_status', function ($new, $old, $post) {
    if ($new !== $old) {
        broadsheet_webhook_send($post->ID, "status:$old:$new");
    }
}, 10, 3);
add_action('save_post', function ($post_id, $post, $update) {
    if ($update) {
        broadsheet_webhook_send($post_id, 'edited');
    }
}, 10, 3);
// After the row is gone, so that the sync finds it gone.
add_action('after_delete_post', function ($post_id, $post) {
    if ($post && $post->post_type === 'post') {
        broadsheet_webhook_send($post_id, 'deleted');
    }
}, 10, 2);

// Uploads are made at the widths of Broadsheet's responsive images too (broadsheet_content::responsive::
// IMAGE_WIDTHS), keeping their proportions: a sync copies these files as the site's smaller copies, as they are.
// Images uploaded before the plugin get them when their sizes are made again (`wp media regenerate`).
foreach ([320, 640, 960, 1280] as $broadsheet_width) {
    add_image_size("broadsheet-{$broadsheet_width}w", $broadsheet_width, 0);
}

// The Preview button opens Broadsheet's preview of the draft, by a signed link that lives ten minutes.
add_filter('preview_post_link', function ($link, $post) {
    $site = broadsheet_webhook_setting('BROADSHEET_URL');
    $secret = broadsheet_webhook_setting('BROADSHEET_WEBHOOK_SECRET');
    if (!$site || !$secret || $post->post_type !== 'post') {
        return $link;
    }
    $expires = (string) (time() + 600);
    $signature = hash_hmac('sha256', 'wordpress:' . $post->ID . $expires, $secret);
    return untrailingslashit($site) . '/preview/wordpress/' . $post->ID
        . '?expires=' . $expires . '&signature=' . $signature;
}, 10, 2);
