#include "metrics/headervalues.h"

#include <QList>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace stampede::metrics {

namespace {

bool parseNumber(QByteArrayView text, double *out)
{
    if (text.isEmpty() || text.size() > 40)
        return false;
    const char *b = text.data();
    const char *e = b + text.size();
    if (*b == '+')
        ++b;
    double v = 0;
    const auto [ptr, ec] = std::from_chars(b, e, v);
    if (ec != std::errc() || ptr != e || !std::isfinite(v))
        return false;
    *out = v;
    return true;
}

QByteArray cut(QByteArrayView text, int max)
{
    return text.first(std::min<qsizetype>(text.size(), max)).toByteArray();
}

/// Server-Timing: `name;dur=12.3;desc="x", other;dur=4` -> ("server-timing.name", 12.3), ...
void parseServerTiming(QByteArrayView value, std::vector<HeaderReading> &out)
{
    int entries = 0;
    for (const QByteArray &entry : value.toByteArray().split(',')) {
        if (++entries > 8)
            break;
        const QList<QByteArray> parts = entry.split(';');
        const QByteArray name = parts.value(0).trimmed().toLower();
        if (name.isEmpty() || name.size() > 48)
            continue;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray param = parts[i].trimmed();
            if (param.size() > 4 && param.left(4).toLower() == "dur=") {
                double v = 0;
                if (parseNumber(QByteArrayView(param).sliced(4), &v))
                    out.push_back({ "server-timing." + name, v, true, {} });
                break;
            }
        }
    }
}

} // namespace

bool parseGoDuration(QByteArrayView text, double *seconds)
{
    if (text.isEmpty() || text.size() > 40)
        return false;
    double total = 0;
    qsizetype i = 0;
    bool any = false;
    while (i < text.size()) {
        qsizetype j = i;
        while (j < text.size() && ((text[j] >= '0' && text[j] <= '9') || text[j] == '.'))
            ++j;
        if (j == i)
            return false;
        double v = 0;
        if (!parseNumber(text.sliced(i, j - i), &v))
            return false;
        qsizetype k = j;
        while (k < text.size()
            && ((text[k] >= 'a' && text[k] <= 'z') || text[k] == 'u' || text[k] == '\xc2' || text[k] == '\xb5'))
            ++k;
        const QByteArrayView unit = text.sliced(j, k - j);
        double scale = 0;
        if (unit == "h")
            scale = 3600;
        else if (unit == "m")
            scale = 60;
        else if (unit == "s")
            scale = 1;
        else if (unit == "ms")
            scale = 1e-3;
        else if (unit == "us" || unit == "\xc2\xb5s")
            scale = 1e-6;
        else if (unit == "ns")
            scale = 1e-9;
        else
            return false;
        total += v * scale;
        any = true;
        i = k;
    }
    if (!any)
        return false;
    *seconds = total;
    return true;
}

void readHeader(const CapturedHeader &header, std::vector<HeaderReading> &out)
{
    if (header.name == "server-timing") {
        parseServerTiming(header.value, out);
        return;
    }
    double v = 0;
    if (parseNumber(header.value, &v) || parseGoDuration(header.value, &v))
        out.push_back({ header.name, v, true, {} });
    else if (!header.value.isEmpty())
        out.push_back({ header.name, 0, false, cut(header.value, kMaxHeaderTextBytes) });
}

} // namespace stampede::metrics
