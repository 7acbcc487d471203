<?php
// Installs a fresh WordPress and fills it with the fixtures of the WordPress content-source tests: the
// Tyneford Courier, a fictional local paper (every text here is made up for these tests).
// Run by scripts/wordpress/start.sh:  php scripts/wordpress/setup.php WP_DIR  (which installs, then runs itself
// again as `setup.php WP_DIR fixtures`; see below).
// Prints one line of JSON on stdout: the application password, its user and the fixtures' ids.
//
// What the fixtures are for:
// - posts in both editors: one in blocks using every core block kind the source must convert, one classic
//   (shortcodes [caption], [gallery] and a leaked unknown one), one with hostile HTML to sanitise;
// - statuses the source must skip (draft, future, private) or treat specially (password-protected), and a
//   page, which the source never syncs;
// - names that need entity decoding (a category "Arts &amp; Culture", a title rendered with &#8217; and
//   &#038;), a tag with a typographic apostrophe, an author bio with "&";
// - dates in Europe/London, so local and GMT differ in summer, and one post at 00:30 on the night the clocks
//   go back, whose GMT date is the day before.

if ($argc < 2) {
    fwrite(STDERR, "usage: php setup.php WP_DIR\n");
    exit(2);
}
$wp_dir = rtrim($argv[1], '/');

// Two processes, because a WordPress loaded before its tables exist keeps what it read then for the rest of
// the process: WP_CONTENT_URL, for one, is defined from the (still empty) siteurl option, so every upload URL
// would come out as a relative /wp-content/... and the theme is not loaded while installing. So the first run
// installs, then runs this script again on the installed site for the fixtures.
$phase = $argv[2] ?? 'install';
// Timings go to stderr (start.sh keeps it in STATE_DIR/setup.log).
$clock = microtime(true);
function lap($what)
{
    global $clock;
    fprintf(STDERR, "setup.php: %-22s %.2f s\n", $what, microtime(true) - $clock);
    $clock = microtime(true);
}
if ($phase === 'install') {
    // Without this, loading a site that has no tables yet redirects to wp-admin/install.php and exits.
    define('WP_INSTALLING', true);
}
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
require $wp_dir . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/media.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
// Broadsheet's plugin, as a site that uses it has it: uploads are made at Broadsheet's responsive widths too.
// Its webhook and preview settings are not set here, so it sends nothing.
require_once dirname(__DIR__, 2) . '/integrations/wordpress/broadsheet.php';
lap("loaded ($phase)");

function fail($what)
{
    fwrite(STDERR, "setup.php: $what\n");
    exit(1);
}
function check($value, $what)
{
    if (is_wp_error($value)) {
        fail("$what: " . $value->get_error_message());
    }
    if (!$value) {
        fail("$what failed");
    }
    return $value;
}

if ($phase === 'install') {
    // There is no mail server: the "new site" notification would only fail.
    add_filter('pre_wp_mail', '__return_false');
    $installed = wp_install('Tyneford Courier (WordPress)', 'admin', 'admin@tyneford-courier.example', true, '',
        wp_generate_password(24, false));
    check($installed['user_id'] ?? 0, 'wp_install');
    update_option('blogdescription', 'News from Tyneford and the Wey valley');
    // Europe/London: BST (+01:00) in summer, GMT in winter. Set before any post, so post_date_gmt follows it.
    update_option('timezone_string', 'Europe/London');
    update_option('gmt_offset', '');
    update_option('date_format', 'j F Y');
    global $wp_rewrite;
    $wp_rewrite->set_permalink_structure('/%year%/%monthnum%/%day%/%postname%/');
    flush_rewrite_rules(false); // false: php -S has no .htaccess to write
    wp_update_user(['ID' => (int) $installed['user_id'], 'display_name' => 'Site Admin', 'nickname' => 'Site Admin']);
    lap('installed');
    passthru(escapeshellarg(PHP_BINARY) . ' ' . escapeshellarg(__FILE__) . ' ' . escapeshellarg($wp_dir)
        . ' fixtures', $rc);
    exit($rc);
}

// Helpers of the fixtures below.
function make_user(array $u)
{
    $u['user_pass'] = wp_generate_password(24, false);
    return check(wp_insert_user($u), 'wp_insert_user ' . $u['user_login']);
}

function make_term($name, $taxonomy, $slug, $description = '')
{
    $t = check(wp_insert_term($name, $taxonomy, ['slug' => $slug, 'description' => $description]),
        "wp_insert_term $slug");
    return (int) $t['term_id'];
}

function draw_image($w, $h, array $top, array $bottom, callable $shapes)
{
    $im = imagecreatetruecolor($w, $h);
    for ($y = 0; $y < $h; $y++) {
        $f = $y / ($h - 1);
        $c = imagecolorallocate($im, (int) ($top[0] + ($bottom[0] - $top[0]) * $f),
            (int) ($top[1] + ($bottom[1] - $top[1]) * $f), (int) ($top[2] + ($bottom[2] - $top[2]) * $f));
        imageline($im, 0, $y, $w - 1, $y, $c);
    }
    $shapes($im, $w, $h);
    return $im;
}

function upload_image($im, $filename, $title, $alt, $caption)
{
    $tmp = wp_tempnam($filename);
    if (str_ends_with($filename, '.png')) {
        imagepng($im, $tmp, 6);
    } else {
        imagejpeg($im, $tmp, 82);
    }
    imagedestroy($im);
    $id = check(media_handle_sideload(['name' => $filename, 'tmp_name' => $tmp], 0, null,
        ['post_title' => $title, 'post_excerpt' => $caption]), "upload $filename");
    update_post_meta($id, '_wp_attachment_image_alt', $alt);
    return (int) $id;
}

function make_post(array $p, array $terms = [], $thumbnail = 0)
{
    $p += ['post_status' => 'publish', 'post_type' => 'post', 'comment_status' => 'closed'];
    $id = check(wp_insert_post(wp_slash($p), true), 'wp_insert_post ' . $p['post_title']);
    if ($terms) {
        check(!is_wp_error(wp_set_post_terms($id, $terms, 'post_tag')), 'tags of ' . $p['post_title']);
    }
    if ($thumbnail) {
        set_post_thumbnail($id, $thumbnail);
    }
    return (int) $id;
}

// The fixtures, in a function: WordPress keeps its state in globals ($post, $posts, $action, ...), which would
// be clobbered, or clobber it, at the top level of a script that loads it.
function fixtures()
{
    global $wpdb;

    // Act as the administrator, as an editor in wp-admin would: setting the current user also runs kses_init,
    // which for a user with unfiltered_html (an administrator of a single site) removes the kses filters, so
    // content is stored as typed. (Term names and user display names are escaped whatever the user: "&" is
    // stored as "&amp;".)
    $admin_id = 1; // wp_install's user
    wp_set_current_user($admin_id);

    // --- users -------------------------------------------------------------------------------------------------
    $authors = [
        'mhalloran' => make_user([
            'user_login' => 'mhalloran',
            'user_email' => 'morag.halloran@tyneford-courier.example',
            'first_name' => 'Morag',
            'last_name' => 'Halloran',
            'display_name' => 'Morag Halloran',
            'nickname' => 'Morag',
            'description' => 'Morag Halloran is the Courier\'s local democracy reporter. She has sat through more '
                . 'council meetings than she cares to count.',
            'role' => 'author',
        ]),
        'dpenrose' => make_user([
            'user_login' => 'dpenrose',
            'user_email' => 'dev.penrose@tyneford-courier.example',
            'first_name' => 'Dev',
            'last_name' => 'Penrose',
            'display_name' => 'Dev Penrose',
            'nickname' => 'Dev',
            'description' => 'Dev Penrose covers transport & the harbour, usually from the back seat of the 12.',
            'role' => 'author',
        ]),
    ];
    // The account the content source signs in with: an editor, who can read drafts and private posts of others.
    $api_login = 'newsdesk';
    $api_user = make_user([
        'user_login' => $api_login,
        'user_email' => 'newsdesk@tyneford-courier.example',
        'display_name' => 'Courier News Desk',
        'nickname' => 'News Desk',
        'role' => 'editor',
    ]);
    // Application passwords are only accepted over plain http because wp-config.php sets
    // WP_ENVIRONMENT_TYPE=local; the login password never works for REST Basic auth.
    [$app_password] = check(WP_Application_Passwords::create_new_application_password($api_user,
        ['name' => 'Broadsheet content source (tests)']), 'application password');

    // --- categories and tags -----------------------------------------------------------------------------------
    $categories = [
        'uncategorized' => (int) get_option('default_category'),
        'news' => make_term('News', 'category', 'news', 'What happened in Tyneford today.'),
        'politics' => make_term('Politics', 'category', 'politics', 'The council, the mayor and the ballot box.'),
        'transport' => make_term('Transport', 'category', 'transport', 'Buses, trains, roads and the ferry.'),
        // Stored as "Arts &amp; Culture": the REST API's name needs entity decoding.
        'arts-culture' => make_term('Arts & Culture', 'category', 'arts-culture', 'Stage, page, screen and gallery.'),
    ];
    $tags = [
        'tyneford-council' => make_term('Tyneford Council', 'post_tag', 'tyneford-council'),
        'mayors-office' => make_term("Mayor\u{2019}s office", 'post_tag', 'mayors-office'),
        'buses' => make_term('Buses', 'post_tag', 'buses'),
        'harbour' => make_term('Harbour', 'post_tag', 'harbour'),
        'festival' => make_term('Festival', 'post_tag', 'festival'),
        'budget' => make_term('Budget', 'post_tag', 'budget'),
    ];

    // --- images ------------------------------------------------------------------------------------------------
    // Drawn with php-gd, then uploaded as WordPress does, so it makes its sizes and their metadata: from a
    // 1200x750 original, thumbnail 150x150, medium 300x188, medium_large 768x480 and large 1024x640; from the
    // 800x1200 portrait, 150x150, 200x300, 683x1024 and 768x1152. (1600 px wide originals would add 1536x1536,
    // at twice the resizing time, the largest part of this script's.)
    $harbour = upload_image(draw_image(1200, 750, [250, 170, 110], [40, 70, 120], function ($im, $w, $h) {
        imagefilledellipse($im, 860, 310, 170, 170, imagecolorallocate($im, 255, 220, 150));
        imagefilledrectangle($im, 0, 465, $w, $h, imagecolorallocate($im, 30, 60, 90));
        foreach ([[190, 520], [460, 570], [730, 515]] as [$x, $y]) {
            imagefilledpolygon($im, [$x, $y, $x + 165, $y, $x + 135, $y + 38, $x + 30, $y + 38],
                imagecolorallocate($im, 120, 40, 30));
            imagefilledrectangle($im, $x + 75, $y - 105, $x + 81, $y, imagecolorallocate($im, 60, 40, 30));
        }
    }), 'harbour-at-dawn.jpg', 'Harbour at dawn', 'Three fishing boats moored in Tyneford harbour as the sun rises',
        'Tyneford harbour at first light, before the festival crowds arrive.');
    $bus = upload_image(draw_image(1200, 750, [200, 225, 240], [120, 130, 140], function ($im, $w, $h) {
        imagefilledrectangle($im, 0, 585, $w, $h, imagecolorallocate($im, 70, 70, 75));
        imagefilledrectangle($im, 225, 315, 975, 570, imagecolorallocate($im, 200, 30, 40));
        for ($x = 270; $x < 900; $x += 128) {
            imagefilledrectangle($im, $x, 352, $x + 90, 435, imagecolorallocate($im, 180, 220, 240));
        }
        foreach ([360, 840] as $x) {
            imagefilledellipse($im, $x, 578, 105, 105, imagecolorallocate($im, 20, 20, 20));
        }
    }), 'route-12-bus.png', 'Route 12 bus', 'A red single-decker bus at the Market Square stop',
        'The Route 12 at Market Square. Timetable & fares change on 1 June.');
    $library = upload_image(draw_image(800, 1200, [235, 225, 200], [150, 110, 80], function ($im, $w, $h) {
        for ($i = 0; $i < 6; $i++) {
            $y = 160 + $i * 160;
            imagefilledrectangle($im, 80, $y, 720, $y + 16, imagecolorallocate($im, 90, 60, 40));
            for ($x = 96; $x < 700; $x += 32) {
                imagefilledrectangle($im, $x, $y - 120 + ($x % 3) * 8, $x + 24, $y,
                    imagecolorallocate($im, 60 + ($x * 7) % 160, 40 + ($x * 3) % 120, 50 + ($x * 5) % 140));
            }
        }
    }), 'library-reading-room.jpg', 'Library reading room', 'Shelves of books in the new reading room on Quay Street',
        'The reading room of the new Tyneford library and archive.');
    $images = [$harbour, $bus, $library];
    lap('users, terms, images');

    // --- posts -------------------------------------------------------------------------------------------------
    $url = fn($id, $size) => wp_get_attachment_image_url($id, $size);
    $alt = fn($id) => esc_attr(get_post_meta($id, '_wp_attachment_image_alt', true));

    // a. The block editor: every core block kind the content source converts, serialised as Gutenberg 6.1 saves
    // it. The embeds hold only their URL, as WordPress leaves them when oEmbed cannot reach the provider.
    $blocks = <<<HTML
    <!-- wp:paragraph -->
    <p>After four years behind hoardings, the <strong>Quay Street library</strong> reopens on Saturday with a reading room, a local history archive and, for the first time, <em>Sunday opening</em>. The council's <a href="https://tyneford-courier.example/library-plans">original plans</a> promised all three.</p>
    <!-- /wp:paragraph -->

    <!-- wp:heading -->
    <h2>What is inside</h2>
    <!-- /wp:heading -->

    <!-- wp:list -->
    <ul><!-- wp:list-item -->
    <li>A reading room with forty desks</li>
    <!-- /wp:list-item -->

    <!-- wp:list-item -->
    <li>The town archive, moved from the <em>old</em> drill hall</li>
    <!-- /wp:list-item -->

    <!-- wp:list-item -->
    <li>A children's library on the ground floor</li>
    <!-- /wp:list-item --></ul>
    <!-- /wp:list -->

    <!-- wp:heading {"level":3} -->
    <h3>How to join</h3>
    <!-- /wp:heading -->

    <!-- wp:list {"ordered":true} -->
    <ol><!-- wp:list-item -->
    <li>Bring proof of address to the front desk</li>
    <!-- /wp:list-item -->

    <!-- wp:list-item -->
    <li>Choose a PIN for the self-service machines</li>
    <!-- /wp:list-item -->

    <!-- wp:list-item -->
    <li>Borrow up to <strong>twelve</strong> items at once</li>
    <!-- /wp:list-item --></ol>
    <!-- /wp:list -->

    <!-- wp:quote -->
    <blockquote class="wp-block-quote"><!-- wp:paragraph -->
    <p>We wanted a building that feels like it belongs to everybody, not just to readers.</p>
    <!-- /wp:paragraph --><cite>Ann Corbishley, head librarian</cite></blockquote>
    <!-- /wp:quote -->

    <!-- wp:image {"id":$library,"sizeSlug":"large","linkDestination":"none"} -->
    <figure class="wp-block-image size-large"><img src="{$url($library, 'large')}" alt="{$alt($library)}" class="wp-image-$library"/><figcaption class="wp-element-caption">The reading room, photographed the week before opening.</figcaption></figure>
    <!-- /wp:image -->

    <!-- wp:pullquote -->
    <figure class="wp-block-pullquote"><blockquote><p>Sunday opening was the thing people asked for most.</p><cite>Library consultation, 2024</cite></blockquote></figure>
    <!-- /wp:pullquote -->

    <!-- wp:gallery {"linkTo":"none"} -->
    <figure class="wp-block-gallery has-nested-images columns-default is-cropped"><!-- wp:image {"id":$harbour,"sizeSlug":"large","linkDestination":"none"} -->
    <figure class="wp-block-image size-large"><img src="{$url($harbour, 'large')}" alt="{$alt($harbour)}" class="wp-image-$harbour"/></figure>
    <!-- /wp:image -->

    <!-- wp:image {"id":$bus,"sizeSlug":"large","linkDestination":"none"} -->
    <figure class="wp-block-image size-large"><img src="{$url($bus, 'large')}" alt="{$alt($bus)}" class="wp-image-$bus"/></figure>
    <!-- /wp:image --></figure>
    <!-- /wp:gallery -->

    <!-- wp:table -->
    <figure class="wp-block-table"><table><thead><tr><th>Day</th><th>Opens</th><th>Closes</th></tr></thead><tbody><tr><td>Monday to Friday</td><td>9:00</td><td>19:00</td></tr><tr><td>Saturday</td><td>9:00</td><td>17:00</td></tr><tr><td>Sunday</td><td>11:00</td><td>16:00</td></tr></tbody></table><figcaption class="wp-element-caption">Opening hours from Saturday</figcaption></figure>
    <!-- /wp:table -->

    <!-- wp:separator -->
    <hr class="wp-block-separator has-alpha-channel-opacity"/>
    <!-- /wp:separator -->

    <!-- wp:paragraph -->
    <p>The catalogue can be searched from home. Developers can use the open data feed:</p>
    <!-- /wp:paragraph -->

    <!-- wp:code -->
    <pre class="wp-block-code"><code>curl "https://tyneford-library.example/api/loans?since=2025-07-01&amp;branch=quay-street"</code></pre>
    <!-- /wp:code -->

    <!-- wp:embed {"url":"https://www.youtube.com/watch?v=Tyn3f0rdLib","type":"video","providerNameSlug":"youtube","responsive":true,"className":"wp-embed-aspect-16-9 wp-has-aspect-ratio"} -->
    <figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube wp-embed-aspect-16-9 wp-has-aspect-ratio"><div class="wp-block-embed__wrapper">
    https://www.youtube.com/watch?v=Tyn3f0rdLib
    </div><figcaption class="wp-element-caption">A walk through the new building.</figcaption></figure>
    <!-- /wp:embed -->

    <!-- wp:embed {"url":"https://vimeo.com/718204455","type":"video","providerNameSlug":"vimeo","responsive":true,"className":"wp-embed-aspect-16-9 wp-has-aspect-ratio"} -->
    <figure class="wp-block-embed is-type-video is-provider-vimeo wp-block-embed-vimeo wp-embed-aspect-16-9 wp-has-aspect-ratio"><div class="wp-block-embed__wrapper">
    https://vimeo.com/718204455
    </div></figure>
    <!-- /wp:embed -->

    <!-- wp:embed {"url":"https://twitter.com/TynefordCourier/status/1810293847561029384","type":"rich","providerNameSlug":"twitter","responsive":true} -->
    <figure class="wp-block-embed is-type-rich is-provider-twitter wp-block-embed-twitter"><div class="wp-block-embed__wrapper">
    https://twitter.com/TynefordCourier/status/1810293847561029384
    </div></figure>
    <!-- /wp:embed -->

    <!-- wp:paragraph -->
    <p>The library is at 14 Quay Street. Entry is free.</p>
    <!-- /wp:paragraph -->
    HTML;
    $posts = [];
    $posts['hello'] = 1; // wp_install's "Hello world!", in Uncategorized, dated at install time; left as it is
    $posts['blocks'] = make_post([
        // An ASCII apostrophe and a bare "&": title.rendered comes out with &#8217; and &#038;.
        'post_title' => "Tyneford's new library & archive opens its doors",
        'post_name' => 'new-library-and-archive-opens',
        'post_content' => $blocks,
        'post_excerpt' => 'The Quay Street library reopens on Saturday, with Sunday opening for the first time.',
        'post_author' => $authors['dpenrose'],
        'post_date' => '2025-07-04 10:00:00', // BST: 09:00 GMT
        'post_category' => [$categories['news']],
    ], [$tags['tyneford-council']], $library);

    // b. The classic editor: no block comments, paragraphs by blank lines, shortcodes.
    $classic = <<<HTML
    The Tyneford Players open their summer season at the Corn Exchange on Friday with a <b>new adaptation</b> of the town's own legend, <i>The Drowned Bell</i>, written by two sixth-formers from Wey Valley School.

    [caption id="attachment_$harbour" align="aligncenter" width="800"]<img class="size-large wp-image-$harbour" src="{$url($harbour, 'large')}" alt="{$alt($harbour)}" width="800" height="500" /> The harbour, where the second act is set.[/caption]

    Rehearsals moved to the harbour itself for the storm scene, which the cast say was "colder than anything in the script".

    [gallery ids="$harbour,$bus"]

    Tickets are £8, or £5 for under-18s, from the Corn Exchange box office.

    Have you seen the show? Tell us what you thought. [contact-form-7 id="3" title="Tips"]
    HTML;
    $posts['classic'] = make_post([
        'post_title' => 'Players stage the legend of the Drowned Bell',
        'post_name' => 'players-stage-the-drowned-bell',
        'post_content' => $classic,
        'post_author' => $authors['mhalloran'],
        'post_date' => '2025-08-15 19:30:00', // BST: 18:30 GMT
        'post_category' => [$categories['arts-culture']],
    ], [$tags['festival']], $harbour);

    // c. Hostile HTML, as an administrator (who has unfiltered_html) could paste it from a widget vendor. kses is
    // already off for the administrator (see above); removed again here so the intent does not hang on that.
    kses_remove_filters();
    $hostile = <<<HTML
    <p>Which roundabout in Tyneford is the worst? Vote below and we will publish the results next week.</p>
    <script>alert(1)</script>
    <p onclick="x()" style="color:red">Voting closes at midnight on Sunday.</p>
    <p><a href="javascript:alert(1)">See the results so far</a></p>
    <iframe src="https://evil.example/" width="600" height="400"></iframe>
    <p>One vote per household, please.</p>
    HTML;
    $posts['hostile'] = make_post([
        'post_title' => 'Reader poll: the worst roundabout in town',
        'post_name' => 'reader-poll-worst-roundabout',
        'post_content' => $hostile,
        'post_author' => $authors['dpenrose'],
        'post_date' => '2025-09-02 12:00:00',
        'post_category' => [$categories['news'], $categories['transport']],
    ]);

    // d. Ordinary posts.
    $posts['politics'] = make_post([
        'post_title' => 'Council approves budget with rise in parking charges',
        'post_name' => 'council-approves-budget-parking-charges',
        'post_content' => "Tyneford Council approved its budget for the coming year on Tuesday night by 23 votes to "
            . "14, after a debate that ran past eleven o'clock.\n\nParking in the town-centre car parks will "
            . "cost 20p more an hour from April. The mayor's office said the money would keep the Quay Street "
            . "library open on Sundays.\n\nOpposition councillors called the rise \"a tax on the high street\".",
        'post_author' => $authors['mhalloran'],
        'post_date' => '2025-03-12 21:40:00', // GMT: local and GMT dates are the same
        'post_category' => [$categories['politics']],
    ], [$tags['tyneford-council'], $tags['mayors-office'], $tags['budget']], $library);
    $posts['transport'] = make_post([
        'post_title' => 'Route 12 to run every fifteen minutes from June',
        'post_name' => 'route-12-every-fifteen-minutes',
        'post_content' => "The Route 12 between the station and Wey Bridge will run every fifteen minutes from "
            . "1 June, up from every half hour.\n\nThe operator says six new buses will join the fleet. Fares "
            . "stay at £2 a journey.\n\n<strong>Update:</strong> the first departure from the station will be "
            . "at 6:10, not 6:00 as first announced.",
        'post_author' => $authors['dpenrose'],
        'post_date' => '2025-05-20 07:15:00', // BST: 06:15 GMT
        'post_category' => [$categories['transport']],
    ], [$tags['buses']], $bus);
    // Edited the day after it was published (the update paragraph): modified later than date, as a real edit
    // leaves it. New posts inserted with a date otherwise have post_modified equal to post_date.
    $wpdb->update($wpdb->posts, [
        'post_modified' => '2025-05-21 10:02:00',
        'post_modified_gmt' => get_gmt_from_date('2025-05-21 10:02:00'),
    ], ['ID' => $posts['transport']]);
    clean_post_cache($posts['transport']);
    // Two categories. WordPress has no primary category of its own (Yoast adds one; not installed): the first
    // in post_category is Arts & Culture, and the REST API's `categories` happens to agree, but only because it
    // lists a post's terms sorted by name, not in the order they were given.
    $posts['festival'] = make_post([
        'post_title' => 'Harbour festival returns after three-year break',
        'post_name' => 'harbour-festival-returns',
        'post_content' => "The Tyneford Harbour Festival will return next summer, organisers confirmed at a "
            . "packed meeting in the Seamen's Institute.\n\nThe festival stopped after the harbour wall was "
            . "damaged in the storms of 2022. Repairs finished this month.\n\nVolunteers are needed for "
            . "stewarding, the boat parade and the sea shanty stage.",
        'post_author' => $authors['mhalloran'],
        // 00:30 BST on the night the clocks go back: 23:30 GMT the day before (2025-10-25).
        'post_date' => '2025-10-26 00:30:00',
        'post_category' => [$categories['arts-culture'], $categories['news']],
    ], [$tags['festival'], $tags['harbour']], $harbour);

    // e. Statuses the source must not publish as ordinary posts.
    $posts['draft'] = make_post([
        'post_title' => 'Harbour wall repairs: what went wrong',
        'post_content' => "Notes for the follow-up. Ask the harbour master about the second survey.\n\n"
            . "Still waiting for the council's answer.",
        'post_author' => $authors['dpenrose'],
        'post_status' => 'draft',
        'post_category' => [$categories['news']],
    ], [$tags['harbour']]);
    // Scheduled as the editor does it: the post exists first (modified now), then gets a date two days ahead and
    // status future. Inserting it with the future date directly would also set post_modified two days ahead.
    $posts['scheduled'] = make_post([
        'post_title' => 'Christmas market opening hours',
        'post_content' => "The Christmas market opens in Market Square on Friday at 10:00, with forty stalls and "
            . "late opening until 21:00 on Thursdays.",
        'post_author' => $authors['mhalloran'],
        'post_status' => 'draft',
        'post_category' => [$categories['news']],
    ], [], $bus);
    $future = wp_date('Y-m-d H:i:00', time() + 2 * DAY_IN_SECONDS);
    check(wp_update_post(['ID' => $posts['scheduled'], 'post_status' => 'future', 'post_date' => $future,
        'post_date_gmt' => get_gmt_from_date($future), 'edit_date' => true], true), 'schedule');
    check(get_post_status($posts['scheduled']) === 'future', 'scheduled post status');
    $posts['private'] = make_post([
        'post_title' => 'Newsroom rota for the holidays',
        'post_content' => 'Morag covers the 24th, Dev the 27th. The news desk is closed on the 25th and 26th.',
        'post_author' => $authors['mhalloran'],
        'post_status' => 'private',
        'post_date' => '2025-11-28 16:00:00',
        'post_category' => [$categories['news']],
    ]);
    $posts['password'] = make_post([
        'post_title' => 'Quiz night answers',
        'post_content' => 'The answers to the Courier quiz: 1. The Drowned Bell. 2. Quay Street. 3. 1887.',
        'post_author' => $authors['dpenrose'],
        'post_password' => 'tyneford',
        'post_date' => '2025-11-30 20:00:00',
        'post_category' => [$categories['arts-culture']],
    ]);

    // f. A page: the source syncs posts only. (wp_install also made "Sample Page" and a draft privacy policy.)
    $pages = [
        'about' => make_post([
            'post_type' => 'page',
            'post_title' => 'About the Tyneford Courier',
            'post_name' => 'about',
            'post_content' => 'The Courier has reported on Tyneford and the Wey valley since 1887.',
            'post_date' => '2025-01-10 09:00:00',
        ]),
    ];

    lap('posts');
    return [
        'app_password' => $app_password,
        'user' => $api_login,
        'user_id' => (int) $api_user,
        'url' => home_url(),
        'posts' => $posts,
        'pages' => $pages,
        'categories' => $categories,
        'tags' => $tags,
        'authors' => $authors,
        'images' => $images,
    ];
}

echo json_encode(fixtures(), JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), "\n";
