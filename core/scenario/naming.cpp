#include "scenario/naming.h"

#include <algorithm>

namespace stampede::scenario::detail {

bool isEnvVarName(const QString &name)
{
    if (name.isEmpty() || (name[0].unicode() >= u'0' && name[0].unicode() <= u'9'))
        return false;
    return std::all_of(name.cbegin(), name.cend(), [](QChar c) {
        const char16_t u = c.unicode();
        return (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'_';
    });
}

bool isHeaderToken(const QString &name)
{
    static const QString punctuation = QStringLiteral("!#$%&'*+-.^_`|~");
    if (name.isEmpty())
        return false;
    return std::all_of(name.cbegin(), name.cend(), [](QChar c) {
        const char16_t u = c.unicode();
        return (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9')
            || punctuation.contains(c);
    });
}

namespace {

/// Lower case without separators: "X-Api_Key" -> "xapikey".
QString squashed(const QString &name)
{
    QString out = name.toLower();
    out.remove(QLatin1Char('-'));
    out.remove(QLatin1Char('_'));
    return out;
}

} // namespace

bool isApiKeyName(const QString &name)
{
    return squashed(name) == QLatin1StringView("apikey");
}

bool isSecretHeaderName(const QString &name)
{
    const QString flat = squashed(name);
    return flat == QLatin1StringView("authorization") || flat == QLatin1StringView("proxyauthorization")
        || flat.endsWith(QLatin1StringView("apikey"));
}

bool isFramingHeaderName(const QString &name)
{
    static const char *const names[] = { "content-length", "transfer-encoding", "connection", "keep-alive",
        "proxy-connection", "te", "trailer", "upgrade", "expect", "http2-settings" };
    for (const char *framing : names) {
        if (name.compare(QLatin1StringView(framing), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace stampede::scenario::detail
