#pragma once
// A fixed-size ring of the latest timing samples (ms) with percentiles: the GUI's own health
// numbers (event-loop lateness, repaint and snapshot times). GUI thread only; no allocation per sample.

#include <cstddef>
#include <vector>

namespace stampede::ui {

class SampleRing
{
public:
    explicit SampleRing(std::size_t capacity);

    void add(double valueMs);
    void clear();
    int count() const;
    /// Nearest-rank percentile (p in 0..100) of the samples held; 0 when empty.
    double percentile(double p) const;
    double max() const;

private:
    std::vector<float> m_values;
    std::size_t m_next = 0;
    bool m_full = false;
};

} // namespace stampede::ui
