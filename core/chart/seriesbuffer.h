#pragma once
// A bounded chart series. The newest `fullCapacity` points are kept as they came; older points are
// reduced into buckets of `bucketSize()` raw points, and the reduced region is halved (buckets
// merged pairwise, the bucket size doubled) whenever it outgrows `olderCapacity`. So a 10-hour run
// stays below fullCapacity + olderCapacity + 2 points, and appending is O(1) amortised:
//
//   [ reduced: 1 bucket = 10, 20, 40 ... raw points ][ full resolution: last fullCapacity points ]
//
// Buckets are reduced as chart/reduce.h says (MinMax keeps spikes and gaps; Mean keeps buffers fed
// the same x values aligned point for point, and carries no NaN). The chart model keeps one per
// series; not thread-safe (one owner).

#include "chart/reduce.h"

#include <QList>
#include <QPointF>

namespace stampede::chart {

class SeriesBuffer
{
public:
    static constexpr int kDefaultFullCapacity = 3600;
    static constexpr int kDefaultOlderCapacity = 1200;

    explicit SeriesBuffer(Reduce reduce = Reduce::MinMax, int fullCapacity = kDefaultFullCapacity,
        int olderCapacity = kDefaultOlderCapacity);

    Reduce reduce() const { return m_reduce; }
    void append(double x, double y);
    void clear();

    /// Every point, oldest first (reduced region, then full resolution). Cached between appends.
    const QList<QPointF> &points() const;
    qsizetype size() const { return m_older.size() + m_full.size(); }
    bool isEmpty() const { return size() == 0; }
    QPointF last() const;
    /// Raw points per reduced bucket (grows as the run gets longer).
    int bucketSize() const { return m_bucket; }
    /// Upper bound of size() whatever the number of appends.
    int maxPoints() const { return m_fullCapacity + m_olderCapacity + 2; }

    /// A buffer with other's x positions and reduction state, every y zero: a stacked series that
    /// appears late stays aligned with the others.
    static SeriesBuffer zerosLike(const SeriesBuffer &other);

private:
    void addToOlder(const QPointF &p);
    void mergeIntoLastBucket(const QPointF &p);
    void halveOlder();

    Reduce m_reduce;
    int m_fullCapacity;
    int m_olderCapacity;
    int m_bucket;
    QList<QPointF> m_older; ///< reduced buckets
    QList<QPointF> m_full; ///< FIFO of raw points (QList::removeFirst is O(1) in Qt 6)
    int m_lastFill = 0; ///< raw points in the last bucket; 0: the next point opens a bucket
    int m_lastPoints = 0; ///< points the last bucket occupies in m_older (MinMax: 1 or 2)
    mutable QList<QPointF> m_cache;
    mutable bool m_cacheValid = true;
};

} // namespace stampede::chart
