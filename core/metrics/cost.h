#pragma once

#include <QString>
#include <cstdint>

namespace stampede::metrics {

struct PriceTable {
    struct Price {
        double inputPerMTok = 0;
        double outputPerMTok = 0;
    };
    /// prompt x input price + completion x output price, $ per million tokens.
    static double cost(const Price &price, std::int64_t promptTokens, std::int64_t completionTokens)
    {
        return (double(promptTokens) * price.inputPerMTok + double(completionTokens) * price.outputPerMTok) / 1e6;
    }
};

} // namespace stampede::metrics
