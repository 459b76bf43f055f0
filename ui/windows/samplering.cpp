#include "ui/windows/samplering.h"

#include <algorithm>
#include <cmath>

namespace stampede::ui {

SampleRing::SampleRing(std::size_t capacity)
    : m_values(std::max<std::size_t>(1, capacity), 0.0F)
{
}

void SampleRing::add(double valueMs)
{
    m_values[m_next] = float(valueMs);
    m_next = (m_next + 1) % m_values.size();
    m_full = m_full || m_next == 0;
}

void SampleRing::clear()
{
    m_next = 0;
    m_full = false;
}

int SampleRing::count() const
{
    return int(m_full ? m_values.size() : m_next);
}

double SampleRing::percentile(double p) const
{
    const int n = count();
    if (n == 0)
        return 0.0;
    std::vector<float> values(m_values.begin(), m_values.begin() + n);
    const auto rank = std::size_t(std::clamp(std::ceil(p / 100.0 * n), 1.0, double(n))) - 1;
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(rank), values.end());
    return values[rank];
}

double SampleRing::max() const
{
    const int n = count();
    return n == 0 ? 0.0 : *std::max_element(m_values.begin(), m_values.begin() + n);
}

} // namespace stampede::ui
