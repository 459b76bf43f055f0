#include "scenario/pricetable.h"

namespace stampede::scenario {

namespace {

struct PriceRow {
    QLatin1StringView model;
    double inputPerMTok;
    double outputPerMTok;
};

// The seed article quotes one price per model; it is used for input and output alike.
constexpr PriceRow kPrices[] = {
    { QLatin1StringView("gpt-4.1"), 8.00, 8.00 },
    { QLatin1StringView("claude-sonnet-4-5"), 15.00, 15.00 },
    { QLatin1StringView("gemini-2.5-flash"), 2.50, 2.50 },
    { QLatin1StringView("deepseek-v3.2"), 0.42, 0.42 },
};

} // namespace

std::optional<model::Price> builtinPrice(const QString &model)
{
    for (const PriceRow &row : kPrices) {
        if (model == row.model) {
            model::Price price;
            price.inputPerMTok = row.inputPerMTok;
            price.outputPerMTok = row.outputPerMTok;
            return price;
        }
    }
    return std::nullopt;
}

} // namespace stampede::scenario
