#pragma once
// The one palette of every chart Stampede draws, live (ui/dashboard) or in the HTML report: a
// series' colour follows from its key (a model keeps its colour in every chart and table, an error
// class its fixed colour). Colours are 0xRRGGBB values: core links no Qt Gui (QColor is the GUI's).

#include <QString>

#include <cstdint>

namespace stampede::chart {

using Rgb = std::uint32_t; ///< 0xRRGGBB

namespace palette {

/// Colour of enabled model `index` (RunMeta::models order); the palette repeats after 10; grey for -1.
Rgb model(int index);
/// Fixed colours for the common classes (http_429 amber, http_5xx reds, timeouts purple, ...);
/// any other class gets a stable colour derived from its name.
Rgb errorClass(const QString &errorKey);
/// p50, p90, p95, p99 (any other percentile: p99's).
Rgb percentile(int percentile);

/// Every model together (achieved req/s, output tokens/s, TTFT of all models): near-black, so the
/// total never takes the colour of a model drawn beside it (Tableau 10 has a blue and a green).
inline constexpr Rgb kAllModels = 0x202124;
inline constexpr Rgb kVus = 0x1a73e8;
inline constexpr Rgb kInFlight = 0xe8710a;
inline constexpr Rgb kPlanned = 0x5f6368; ///< planned (target) series, dashed
inline constexpr Rgb kFail = 0xd93025; ///< failures, dropped iterations
inline constexpr Rgb kGoodput = 0x188038; ///< requests that met the SLO
inline constexpr Rgb kThreshold = 0xd93025; ///< the dashed threshold lines

/// "#rrggbb", for SVG and CSS.
QString css(Rgb rgb);

} // namespace palette

} // namespace stampede::chart
