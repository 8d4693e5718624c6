package io.github.arcticasync.internal.transport;

import java.util.regex.Pattern;

/**
 * The one way a Redis or MongoDB URL is shown in logs, errors and command output: without its password. A URL that
 * holds credentials may be malformed (an unescaped {@code @}, {@code /} or {@code ?} in the password) and is shown
 * then too, so this does not parse it: everything from the scheme to the last {@code @} of the authority is the user
 * info, of which only the user name stays.
 */
public final class SafeUrls {
    private static final String HIDDEN = "****";
    /** Query options that carry a secret, such as MongoDB's {@code tlsCertificateKeyFilePassword}. */
    private static final Pattern SECRET_OPTION = Pattern.compile("(?i)([?&][^=&]*password=)[^&]*");

    private SafeUrls() {
    }

    /** {@code url} with its password and any password option replaced by {@code ****}; null for null. */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        String rest = url.substring(start);
        int query = rest.indexOf('?');
        int at = (query < 0 ? rest : rest.substring(0, query)).lastIndexOf('@');
        if (at < 0) {
            at = rest.lastIndexOf('@'); // an '@' only after a '?': the '?' may belong to the password
        }
        String shown = rest;
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            int colon = userInfo.indexOf(':');
            shown = (colon < 0 ? HIDDEN : userInfo.substring(0, colon) + ":" + HIDDEN) + rest.substring(at);
        }
        return url.substring(0, start) + SECRET_OPTION.matcher(shown).replaceAll("$1" + HIDDEN);
    }
}
