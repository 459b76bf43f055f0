#pragma once
// Threshold status (green / red / grey "no data", with current values) above the checks' pass
// rates, in one card beside the charts. GUI thread only.

#include "ui/dashboard/cardframe.h"

class QLabel;
class QVBoxLayout;
class QTableView;

namespace stampede::ui {

class ChecksModel;
class ThresholdStatusModel;

class StatusPanel : public CardFrame
{
    Q_OBJECT
public:
    StatusPanel(ThresholdStatusModel *thresholds, ChecksModel *checks, QWidget *parent = nullptr);

    /// Re-reads the models for the headline ("2 of 3 passing").
    void updateSummary();
    /// The width at which no threshold's metric is cut (its longest line, one word such as
    /// "http_req_duration", beside the status, rule and value columns); 0 without thresholds.
    int neededWidth() const { return m_neededWidth; }

Q_SIGNALS:
    void neededWidthChanged();

private:
    void fitRows();
    void measureWidth();

    ThresholdStatusModel *m_thresholds;
    ChecksModel *m_checks;
    QLabel *m_thresholdTitle;
    QLabel *m_checksTitle;
    QTableView *m_thresholdView;
    QTableView *m_checksView;
    QVBoxLayout *m_layout;
    int m_neededWidth = 0;
};

} // namespace stampede::ui
