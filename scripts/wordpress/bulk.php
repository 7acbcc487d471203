<?php
// Adds N published posts to a test WordPress for the sync benchmark (scripts/bench-sync.sh): made-up local news
// with several paragraphs, a heading and a list each, spread over twenty years, across the fixtures' categories
// and tags, with the fixtures' images as featured images.
// Usage: php scripts/wordpress/bulk.php WP_DIR N        Prints {"ok":true,"added":N,"seconds":…}.
// Posts go in through wp_insert_post, as an import plugin's would, with term counting and cache invalidation
// deferred to the end (as WordPress's own importer does).

if ($argc < 3) {
    fwrite(STDERR, "usage: php bulk.php WP_DIR N\n");
    exit(2);
}
define('WP_IMPORTING', true);
require rtrim($argv[1], '/') . '/wp-load.php';

function bulk($n)
{
    $start = microtime(true);
    wp_defer_term_counting(true);
    wp_suspend_cache_invalidation(true);
    $categories = get_terms(['taxonomy' => 'category', 'hide_empty' => false, 'fields' => 'ids']);
    $tags = get_terms(['taxonomy' => 'post_tag', 'hide_empty' => false, 'fields' => 'ids']);
    $images = get_posts(['post_type' => 'attachment', 'numberposts' => -1, 'fields' => 'ids']);
    $authors = get_users(['role__in' => ['author', 'editor', 'administrator'], 'fields' => 'ID']);
    $places = ['Quay Street', 'the harbour', 'Northgate', 'the old mill', 'Station Road', 'the market square'];
    $subjects = ['bus lane', 'library', 'ferry timetable', 'school roof', 'parking charge', 'flood defence',
        'allotment waiting list', 'street lighting', 'swimming pool', 'cycle path'];
    for ($i = 1; $i <= $n; $i++) {
        $place = $places[$i % count($places)];
        $subject = $subjects[($i * 7) % count($subjects)];
        $body = "<!-- wp:paragraph --><p>Councillors met on Tuesday to discuss the $subject near $place, "
            . "the <strong>$i</strong>th item on a long agenda.</p><!-- /wp:paragraph -->"
            . "<!-- wp:heading --><h2 class=\"wp-block-heading\">What was decided</h2><!-- /wp:heading -->"
            . "<!-- wp:paragraph --><p>Residents near $place told the meeting that the $subject had been "
            . "promised for years. <a href=\"https://example.org/agenda/$i\">The agenda</a> has the figures.</p>"
            . "<!-- /wp:paragraph --><!-- wp:list --><ul class=\"wp-block-list\"><li>A consultation in spring"
            . "</li><li>Work to start by autumn</li></ul><!-- /wp:list -->";
        $when = time() - ($i * 63113); // about one post every 17.5 hours, back twenty years at 10,000
        $id = wp_insert_post([
            'post_title' => ucfirst($subject) . " plan for $place moves forward ($i)",
            'post_name' => "bulk-$i-" . sanitize_title($subject),
            'post_content' => $body,
            'post_excerpt' => "What the council decided about the $subject near $place.",
            'post_status' => 'publish',
            'post_author' => $authors[$i % count($authors)],
            'post_date_gmt' => gmdate('Y-m-d H:i:s', $when),
            'post_date' => get_date_from_gmt(gmdate('Y-m-d H:i:s', $when)),
            'post_category' => [$categories[$i % count($categories)]],
            'tags_input' => [$tags[$i % count($tags)], $tags[($i * 3) % count($tags)]],
        ], true);
        if (is_wp_error($id)) {
            fwrite(STDERR, $id->get_error_message() . "\n");
            exit(1);
        }
        if ($images) {
            set_post_thumbnail($id, $images[$i % count($images)]);
        }
    }
    wp_suspend_cache_invalidation(false);
    wp_defer_term_counting(false);
    echo json_encode(['ok' => true, 'added' => $n, 'seconds' => round(microtime(true) - $start, 1)]), "\n";
}

bulk((int) $argv[2]);
