#pragma once
// The row of big numbers for a demo: elapsed / remaining with a progress bar, requests, req/s,
// p95, error %, goodput (only when the run declares an SLO), output tokens, the wait for the caps
// (only when the scenario sets "limits") and spend (against budget_usd when set). Each tile's
// tooltip defines its metric. GUI thread only.

#include "metrics/stats.h"

#include <QWidget>

#include <memory>
#include <vector>

class QFrame;
class QHBoxLayout;
class QLabel;
class QProgressBar;

namespace stampede::ui {

/// What the tiles show, from a live snapshot or a finished run's summary.
struct BigNumbers {
    std::int64_t elapsedMs = 0;
    std::int64_t plannedMs = 0;
    QString state; ///< under the elapsed time when set, e.g. "graceful stop", "completed"
    bool finished = false;
    metrics::GroupStats overall;
    QList<metrics::GroupStats> models; ///< per model, for the cap wait tile's tooltip
    std::optional<double> budgetUsd; ///< scenario budget_usd: the spend tile reads "$spent / $budget"
    /// A paired run (scenario direct_target): the overhead tile shows gateway − direct.
    std::optional<metrics::OverheadLive> measuredOverhead;
    /// A finished paired run: the latency difference's significance hint ("within the noise (p = 0.41)").
    QString overheadSignificance;
    bool openModel = false;
    int vus = 0; ///< closed model: current VUs (finished: the peak)
    int inFlight = 0; ///< open model: requests in flight (finished: the peak)
    double recentRps = -1; ///< finished requests/s over the last few seconds; < 0 when unknown
    /// Threshold status of the p95 and error-rate tiles: pass, fail or unknown (no rule, no data).
    enum class Status { Unknown, Pass, Fail };
    Status latencyStatus = Status::Unknown;
    Status errorStatus = Status::Unknown;
};

class BigNumbersWidget : public QWidget
{
    Q_OBJECT
public:
    explicit BigNumbersWidget(QWidget *parent = nullptr);

    void setValues(const BigNumbers &values);
    void clear();
    void setFontScale(double scale);
    /// The big text of a tile ("tileRequests", "tileP95", ...), for tests.
    QString valueText(const QString &tile) const;
    /// The line under it.
    QString detailText(const QString &tile) const;
    /// One row of tiles when they fit the width with every value whole, else two (for tests).
    int rowCount() const { return m_rows; }
    /// The two-row arrangement's: the tiles never make the window wider than that (1280 px screens).
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Tile {
        QFrame *frame = nullptr;
        QLabel *caption = nullptr;
        QLabel *value = nullptr;
        QLabel *detail = nullptr;
        int styledAs = -1; ///< the Status the style sheet was last set for
    };
    Tile *addTile(const QString &name, const QString &caption, const QString &tip);
    void setTile(Tile *tile, const QString &value, const QString &detail,
        BigNumbers::Status status = BigNumbers::Status::Unknown);
    void setElapsed(const BigNumbers &values);
    void setQuota(const BigNumbers &values);
    void setOverhead(const BigNumbers &values); ///< the "Gateway overhead" tile
    const Tile *tile(const QString &name) const;
    /// Lays the shown tiles out in one row, or in two when one row would not fit the width.
    void arrange();
    QList<QFrame *> shownTiles() const;
    /// A tile's width with its caption whole and its detail as short as it may get (elided).
    int wholeCaptionWidth(const QFrame *frame) const;

    std::vector<std::unique_ptr<Tile>> m_tiles;
    Tile *m_elapsed = nullptr, *m_requests = nullptr, *m_rps = nullptr, *m_p95 = nullptr;
    Tile *m_errors = nullptr, *m_goodput = nullptr, *m_tokens = nullptr, *m_spend = nullptr;
    Tile *m_limitWait = nullptr; ///< shown only when a cap (scenario "limits") applies
    Tile *m_overhead = nullptr; ///< shown only when a captured header reports the gateway's overhead
    QProgressBar *m_progress = nullptr;
    QHBoxLayout *m_rowLayouts[2] = { nullptr, nullptr };
    int m_rows = 1;
    qsizetype m_split = 0; ///< the first tile of the second row (the count of shown ones: one row)
    QList<QFrame *> m_arranged; ///< the shown tiles as last arranged
};

} // namespace stampede::ui
