"""The PHP that tests/wordpress_site.py runs inside WordPress: its loader (a wp-config.php's
constants, WordPress core, WP Configurator's post type) and the WordPress Importer's steps."""

# What a wp-config.php would say, then WordPress core, then the plugin's post type
# (docs/wordpress-format.md). No network and no mail: the tests talk to nothing outside.
LOADER = r"""<?php
/*CONSTANTS*/
define('WP_DEBUG', false);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
$table_prefix = 'wp_';
$_SERVER += ['HTTP_HOST' => 'localhost', 'SERVER_NAME' => 'localhost', 'REQUEST_URI' => '/',
    'SERVER_PROTOCOL' => 'HTTP/1.1', 'REQUEST_METHOD' => 'GET'];
$GLOBALS['wp_filter'] = ['pre_http_request' => [10 => [['accepted_args' => 1,
    'function' => function () { return new WP_Error('offline', 'no network in the tests'); }]]]];
function wp_mail() { return true; }
function wp_new_blog_notification() {}
require_once ABSPATH . 'wp-settings.php';
register_post_type('amz_configurator', ['public' => true, 'supports' => ['title'],
    'rewrite' => ['slug' => 'configurator'], 'query_var' => 'wp-configurator-pro',
    'label' => 'Configurators']);
if (!wp_installing()) {
    wp_set_current_user(1);  // the administrator who runs Tools > Import and Export
}
"""

# The WordPress Importer's way with a WXR file (docs/wordpress-format.md): DOMDocument, no
# DOCTYPE, a wp:wxr_version; per item, an unknown post type or an auto-draft is skipped, a
# post of the same title and date is reused, else wp_insert_post() keeps the file's id when
# free; every meta row but _edit_last is added as maybe_unserialize() reads it.
IMPORTER = r"""<?php
require_once ABSPATH . 'wp-admin/includes/post.php';

function wxr_import(string $file): array {
    $dom = new DOMDocument();
    if (!$dom->loadXML(file_get_contents($file), LIBXML_PARSEHUGE) || isset($dom->doctype)) {
        throw new RuntimeException('There was an error when reading this WXR file');
    }
    $xml = simplexml_import_dom($dom);
    $namespaces = $xml->getDocNamespaces();
    $wp_ns = $namespaces['wp'] ?? 'http://wordpress.org/export/1.1/';
    $excerpt_ns = $namespaces['excerpt'] ?? 'http://wordpress.org/export/1.1/excerpt/';
    $xml->registerXPathNamespace('wp', $wp_ns);
    $version = $xml->xpath('/rss/channel/wp:wxr_version');
    if (!$version || !preg_match('/^\d+\.\d+$/', (string) $version[0])) {
        throw new RuntimeException('This does not appear to be a WXR file');
    }
    $ids = [];
    foreach ($xml->channel->item as $item) {
        $wp = $item->children($wp_ns);
        $title = (string) $item->title;
        $type = (string) $wp->post_type;
        $date = (string) $wp->post_date;
        if (!post_type_exists($type) || 'auto-draft' === (string) $wp->status) {
            continue;
        }
        $id = post_exists($title, '', $date);
        if (!$id || get_post_type($id) !== $type) {
            $id = wp_insert_post(wp_slash([
                'import_id' => (int) $wp->post_id,
                'post_author' => get_current_user_id(),
                'post_date' => $date,
                'post_date_gmt' => (string) $wp->post_date_gmt,
                'post_content' => (string) $item->children('http://purl.org/rss/1.0/modules/content/')->encoded,
                'post_excerpt' => (string) $item->children($excerpt_ns)->encoded,
                'post_title' => $title,
                'post_status' => (string) $wp->status,
                'post_name' => (string) $wp->post_name,
                'comment_status' => (string) $wp->comment_status,
                'ping_status' => (string) $wp->ping_status,
                'guid' => (string) $item->guid,
                'menu_order' => (int) $wp->menu_order,
                'post_type' => $type,
                'post_password' => (string) $wp->post_password,
            ]), true);
            if (is_wp_error($id)) {
                throw new RuntimeException("Failed to import $title: " . $id->get_error_message());
            }
        }
        foreach ($wp->postmeta as $meta) {
            $key = (string) $meta->meta_key;
            if ('_edit_last' !== $key) {
                $value = maybe_unserialize((string) $meta->meta_value);
                add_post_meta($id, wp_slash($key), wp_slash_strings_only($value));
            }
        }
        $ids[] = $id;
    }
    return $ids;
}
"""
