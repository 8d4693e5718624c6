package io.github.arcticasync.internal.transport;

import java.util.regex.Pattern;

/**
 * The one way a Redis or MongoDB URL is shown in logs, errors and command output: without its secrets. A URL that
 * holds credentials may be malformed (an unescaped {@code @}, {@code /} or {@code ?} in the password) and is shown
 * then too, so this does not parse it:
 * <ul>
 *   <li>the user info is everything after the scheme up to the last {@code @} before the query; of it only the user
 *       name stays. With no {@code @} there, an {@code @} in the query still ends a user info when no option comes
 *       before it: then the {@code ?} belonged to the password;</li>
 *   <li>query options whose name ends in {@code password}, and an {@code AWS_SESSION_TOKEN} in
 *       {@code authMechanismProperties}, show as {@code ****} (options may be separated by {@code &} or {@code ;}).</li>
 * </ul>
 */
public final class SafeUrls {
    private static final String HIDDEN = "****";
    private static final Pattern SECRET_OPTION = Pattern.compile("(?i)([?&;][^=&;]*password=)[^&;]*");
    private static final Pattern SESSION_TOKEN = Pattern.compile("(?i)(AWS_SESSION_TOKEN(?::|%3A))[^,&;]*");

    private SafeUrls() {
    }

    /** {@code url} with its password and secret options replaced by {@code ****}; null for null. */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        String rest = url.substring(start);
        int query = rest.indexOf('?');
        int at = (query < 0 ? rest : rest.substring(0, query)).lastIndexOf('@');
        int late = rest.lastIndexOf('@');
        if (at < 0 && query >= 0 && late > query) {
            String between = rest.substring(query, late);
            if (between.indexOf('=') < 0 && between.indexOf('&') < 0 && between.indexOf(';') < 0) {
                at = late;
            }
        }
        String shown = rest;
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            int colon = userInfo.indexOf(':');
            shown = (colon < 0 ? HIDDEN : userInfo.substring(0, colon) + ":" + HIDDEN) + rest.substring(at);
        }
        shown = SECRET_OPTION.matcher(shown).replaceAll("$1" + HIDDEN);
        return url.substring(0, start) + SESSION_TOKEN.matcher(shown).replaceAll("$1" + HIDDEN);
    }
}
