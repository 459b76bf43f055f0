#include "chart/palette.h"

#include <QHash>

#include <array>
#include <cmath>

namespace stampede::chart::palette {

using namespace Qt::StringLiterals;

namespace {

// Tableau 10, reordered so the first four (the seed's models) are far apart.
// clang-format off
constexpr std::array<Rgb, 10> modelPalette { {
    0x1f77b4, 0xe6550d, 0x2ca02c, 0x9467bd, 0x8c564b, 0xe377c2, 0x17becf, 0xbcbd22, 0x7f7f7f, 0xd62728,
} };
// clang-format on

} // namespace

Rgb model(int index)
{
    if (index < 0)
        return 0x5f6368;
    return modelPalette[std::size_t(index) % modelPalette.size()];
}

Rgb errorClass(const QString &errorKey)
{
    // clang-format off
    static const QHash<QString, Rgb> fixed = {
        { u"http_429"_s, 0xf9ab00 }, { u"http_500"_s, 0xee675c }, { u"http_502"_s, 0xb31412 },
        { u"http_503"_s, 0xc5221f }, { u"http_504"_s, 0xa50e0e }, { u"http_400"_s, 0x795548 },
        { u"http_401"_s, 0x5f6368 }, { u"http_403"_s, 0x80868b }, { u"http_404"_s, 0x9aa0a6 },
        { u"http_422"_s, 0x6d4c41 }, { u"timeout"_s, 0x9334e6 }, { u"connect_timeout"_s, 0xb06fe0 },
        { u"connection_refused"_s, 0x1a73e8 }, { u"connection_reset"_s, 0x4285f4 }, { u"tls"_s, 0x0d652d },
        { u"malformed_response"_s, 0xe52592 }, { u"stream_cut"_s, 0x12b5cb }, { u"cancelled"_s, 0xbdc1c6 },
        { u"network"_s, 0x185abc }, { u"proxy"_s, 0x7b5800 },
    };
    // clang-format on
    const auto it = fixed.constFind(errorKey);
    if (it != fixed.constEnd())
        return *it;
    // Stable for a name across runs and sessions (qHash is seeded per process): FNV-1a to a hue,
    // then HSV(hue, 170, 200) to RGB.
    std::uint32_t h = 2166136261u;
    for (QChar c : errorKey)
        h = (h ^ c.unicode()) * 16777619u;
    const int hue = int(h % 360);
    const double v = 200.0, s = 170.0 / 255.0;
    const double chroma = v * s;
    const double x = chroma * (1 - std::abs(std::fmod(hue / 60.0, 2.0) - 1));
    const double m = v - chroma;
    const int sector = hue / 60;
    const double r = sector == 0 || sector == 5 ? chroma : sector == 1 || sector == 4 ? x : 0;
    const double g = sector == 1 || sector == 2 ? chroma : sector == 0 || sector == 3 ? x : 0;
    const double b = sector == 3 || sector == 4 ? chroma : sector == 2 || sector == 5 ? x : 0;
    const auto byte = [m](double c) { return Rgb(std::lround(c + m)) & 0xff; };
    return byte(r) << 16 | byte(g) << 8 | byte(b);
}

Rgb percentile(int percentile)
{
    switch (percentile) {
    // Four hues, not four shades of one: p50 green, p90 blue, p95 orange, p99 purple (threshold
    // lines are red and dashed).
    case 50:
        return 0x1e8e3e;
    case 90:
        return 0x1a73e8;
    case 95:
        return 0xe8710a;
    default:
        return 0x9334e6;
    }
}

QString css(Rgb rgb)
{
    return u'#' + QString::number(rgb & 0xffffff, 16).rightJustified(6, u'0');
}

} // namespace stampede::chart::palette
