<?php
// Changes a test WordPress (scripts/wordpress/start.sh) the way an editor in wp-admin or WP-Cron would, for
// the WordPress content-source tests. Most of this could go over REST with the application password; doing it
// in PHP keeps the tests independent of REST's write quirks. Every action prints one line of JSON.
//
// Usage: php scripts/wordpress/control.php WP_DIR ACTION ARGS...
//   publish-future ID              what WP-Cron does when a scheduled post's time comes
//   edit ID "New title"            an editor retitles a post (post_modified becomes now)
//   unpublish ID                   back to draft
//   protect ID PASSWORD            behind a password (still published; REST marks its content protected)
//   trash ID                       to the trash (REST: status=trash, only to authenticated requests)
//   delete ID                      deleted for good, skipping the trash
//   rename-category SLUG "Name"    a category renamed (its slug kept)
//   autosave ID "Title" "Content"  the editor's autosave: a revision newer than the post, the post unchanged
//   preview-link ID                what the Preview button opens (preview_post_link, as plugins filter it)
//   option NAME VALUE              a site option (the Broadsheet webhook plugin's URL and secret in tests)
// Output: {"ok":true,"action":...,"id":...,"status":...,"modified_gmt":...,...}; on failure {"ok":false,
// "error":...} and exit status 1.

function out(array $result, $code = 0)
{
    echo json_encode($result, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), "\n";
    exit($code);
}
function fail($message)
{
    out(['ok' => false, 'error' => $message], 1);
}
if ($argc < 3) {
    fwrite(STDERR, "usage: php control.php WP_DIR ACTION ARGS...\n");
    exit(2);
}
// A constant, because loading WordPress sets globals of its own ($action among them).
define('CONTROL_ARGV', $argv);

$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
require rtrim($argv[1], '/') . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/post.php';
// As the administrator (wp_install's user), like an editor in wp-admin; for an administrator kses is off.
wp_set_current_user(1);
control(CONTROL_ARGV[2], array_slice(CONTROL_ARGV, 3));

function post_or_fail($id)
{
    $post = get_post((int) $id);
    if (!$post) {
        fail("no post $id");
    }
    return $post;
}
function post_state($id)
{
    clean_post_cache((int) $id);
    $p = get_post((int) $id);
    return $p ? [
        'id' => $p->ID,
        'status' => $p->post_status,
        'title' => $p->post_title,
        'date' => $p->post_date,
        'date_gmt' => $p->post_date_gmt,
        'modified' => $p->post_modified,
        'modified_gmt' => $p->post_modified_gmt,
    ] : ['id' => (int) $id, 'status' => null];
}

function control($action, array $args)
{
    $arg = function ($i, $name) use ($args) {
        if (!isset($args[$i]) || $args[$i] === '') {
            fail("$name is required");
        }
        return $args[$i];
    };
    switch ($action) {
        case 'publish-future':
            // wp_publish_post is what the publish_future_post cron hook calls (check_and_publish_future_post). It
            // only sets post_status to publish: post_modified and post_modified_gmt are NOT changed (verified on
            // 6.1.9: the modified dates before and after are printed below and are equal), and post_date stays
            // the scheduled time. So a sync that asks for modified_after=<last sync> never sees the newly
            // published post: it was modified when it was scheduled, before that sync.
            $post = post_or_fail($arg(0, 'ID'));
            if ($post->post_status !== 'future') {
                fail("post {$post->ID} is {$post->post_status}, not future");
            }
            $before = post_state($post->ID);
            wp_publish_post($post->ID);
            out(['ok' => true, 'action' => $action] + post_state($post->ID) + [
                'modified_gmt_before' => $before['modified_gmt'],
            ]);
        case 'edit':
            $post = post_or_fail($arg(0, 'ID'));
            $title = $arg(1, 'the new title');
            $r = wp_update_post(wp_slash(['ID' => $post->ID, 'post_title' => $title]), true);
            if (is_wp_error($r)) {
                fail($r->get_error_message());
            }
            out(['ok' => true, 'action' => $action] + post_state($post->ID));
        case 'unpublish':
            $post = post_or_fail($arg(0, 'ID'));
            $r = wp_update_post(['ID' => $post->ID, 'post_status' => 'draft'], true);
            if (is_wp_error($r)) {
                fail($r->get_error_message());
            }
            out(['ok' => true, 'action' => $action] + post_state($post->ID));
        case 'protect':
            // An editor puts a published post behind a password: it stays published, and REST now gives its
            // content as protected.
            $post = post_or_fail($arg(0, 'ID'));
            $r = wp_update_post(['ID' => $post->ID, 'post_password' => $arg(1, 'PASSWORD')], true);
            if (is_wp_error($r)) {
                fail($r->get_error_message());
            }
            out(['ok' => true, 'action' => $action] + post_state($post->ID));
        case 'trash':
            $post = post_or_fail($arg(0, 'ID'));
            if (!wp_trash_post($post->ID)) {
                fail("could not trash {$post->ID}");
            }
            out(['ok' => true, 'action' => $action] + post_state($post->ID));
        case 'delete':
            $post = post_or_fail($arg(0, 'ID'));
            if (!wp_delete_post($post->ID, true)) {
                fail("could not delete {$post->ID}");
            }
            out(['ok' => true, 'action' => $action] + post_state($post->ID));
        case 'rename-category':
            // Renaming a term touches no post: the posts' modified dates stay as they were.
            $slug = $arg(0, 'SLUG');
            $name = $arg(1, 'the new name');
            $term = get_term_by('slug', $slug, 'category');
            if (!$term) {
                fail("no category $slug");
            }
            $r = wp_update_term($term->term_id, 'category', wp_slash(['name' => $name]));
            if (is_wp_error($r)) {
                fail($r->get_error_message());
            }
            $term = get_term($term->term_id, 'category');
            // The name as stored, HTML-escaped ("&" becomes "&amp;"), as the REST API gives it.
            out(['ok' => true, 'action' => $action, 'id' => $term->term_id, 'slug' => $term->slug,
                'name' => $term->name, 'count' => $term->count]);
        case 'preview-link':
            // What the editor's Preview button opens: get_preview_post_link applies the preview_post_link filter.
            $post = post_or_fail($arg(0, 'ID'));
            out(['ok' => true, 'action' => $action, 'id' => $post->ID, 'link' => get_preview_post_link($post)]);
        case 'option':
            // A site option (the Broadsheet webhook plugin reads its URL and secret from options in tests).
            update_option($arg(0, 'NAME'), $arg(1, 'VALUE'));
            out(['ok' => true, 'action' => $action, 'name' => $args[0]]);
        case 'autosave':
            // An autosave is a revision (post_type revision, post_status inherit, named ID-autosave-v1) newer than
            // the post; the post itself, its modified date and what REST serves for it do not change. (The editor
            // saves a draft it is editing in place instead; this is the published-post case.)
            $post = post_or_fail($arg(0, 'ID'));
            $title = $arg(1, 'the autosave title');
            $content = $args[2] ?? '';
            // Dates have one-second resolution: if the post was saved this very second, wait for the next one, so
            // that the autosave is strictly newer.
            if ($post->post_modified_gmt >= gmdate('Y-m-d H:i:s')) {
                time_sleep_until(floor(microtime(true)) + 1.01);
            }
            $r = wp_create_post_autosave(wp_slash([
                'post_ID' => $post->ID,
                'post_type' => $post->post_type,
                'post_title' => $title,
                'post_content' => $content,
                'post_excerpt' => $post->post_excerpt,
            ]));
            if (is_wp_error($r)) {
                fail($r->get_error_message());
            }
            if (!$r) {
                fail('no autosave made (same as the post?)');
            }
            $autosave = get_post($r);
            out(['ok' => true, 'action' => $action] + post_state($post->ID) + [
                'autosave_id' => $autosave->ID,
                'autosave_modified_gmt' => $autosave->post_modified_gmt,
            ]);
        default:
            fail("unknown action $action (publish-future, edit, unpublish, trash, delete, rename-category, autosave)");
    }
}
