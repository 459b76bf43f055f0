#include "ui/editor/modeltablemodel.h"

#include "ui/editor/editorfields.h"

#include "scenario/pricetable.h"

#include <QLocale>

namespace stampede::ui::editor {

ModelTableModel::ModelTableModel(QObject *parent)
    : EditorTableModel(QStringLiteral("models"), parent)
{
}

void ModelTableModel::setModels(const QList<scenario::ModelSpec> &models)
{
    beginResetModel();
    m_models = models;
    endResetModel();
}

QStringList ModelTableModel::modelNames() const
{
    QStringList names;
    for (const scenario::ModelSpec &model : m_models)
        names.append(model.model);
    return names;
}

void ModelTableModel::fillBuiltinPrice(scenario::ModelSpec &model) const
{
    if (model.price.inputPerMTok != 0 || model.price.outputPerMTok != 0)
        return;
    if (const std::optional<model::Price> price = scenario::builtinPrice(model.model))
        model.price = *price;
}

void ModelTableModel::addModel(const scenario::ModelSpec &model)
{
    scenario::ModelSpec added = model;
    fillBuiltinPrice(added);
    const int row = int(m_models.size());
    beginInsertRows({}, row, row);
    m_models.append(added);
    endInsertRows();
    sharesChanged();
    Q_EMIT edited();
}

int ModelTableModel::duplicateModel(int row)
{
    if (row < 0 || row >= m_models.size())
        return -1;
    scenario::ModelSpec copy = m_models[row];
    copy.model += QStringLiteral("-copy");
    beginInsertRows({}, row + 1, row + 1);
    m_models.insert(row + 1, copy);
    endInsertRows();
    sharesChanged();
    Q_EMIT edited();
    return row + 1;
}

double ModelTableModel::share(int row) const
{
    double total = 0;
    for (const scenario::ModelSpec &model : m_models) {
        if (model.enabled && model.weight > 0)
            total += model.weight;
    }
    const scenario::ModelSpec &model = m_models.at(row);
    if (!model.enabled || !(model.weight > 0) || !(total > 0))
        return 0;
    return model.weight / total;
}

int ModelTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_models.size());
}

int ModelTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ModelTableModel::displayData(const scenario::ModelSpec &model, int row, int column, bool wantName) const
{
    switch (column) {
    case Model:
        return model.model;
    case Protocol: // the scenario's name to edit, the protocol's title to read
        return wantName ? model::wireProtocolName(model.protocol) : model::wireProtocolTitle(model.protocol);
    case Weight:
        return model.weight;
    case Share:
        return model.enabled ? QLocale().toString(share(row) * 100, 'f', 1) + QStringLiteral(" %") : tr("off");
    case MaxTokens:
        return model.maxTokens;
    case Temperature:
        return model.temperature;
    case InputPrice:
        return model.price.inputPerMTok;
    case OutputPrice:
        return model.price.outputPerMTok;
    default:
        return {};
    }
}

QVariant ModelTableModel::data(const QModelIndex &index, int role) const
{
    if (!isCell(index))
        return {};
    const scenario::ModelSpec &model = m_models.at(index.row());
    const int column = index.column();
    if (QVariant marked = errorData(index, role); marked.isValid())
        return marked;
    if (role == Qt::CheckStateRole && isCheckColumn(column))
        return (column == Enabled ? model.enabled : model.stream) ? Qt::Checked : Qt::Unchecked;
    if (role == ShareFractionRole && column == Share)
        return share(index.row());
    if (role == Qt::TextAlignmentRole && column != Model && column != Protocol)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::DisplayRole || role == Qt::EditRole)
        return displayData(model, index.row(), column, role == Qt::EditRole);
    return {};
}

bool ModelTableModel::setCell(scenario::ModelSpec &model, int column, const QVariant &value)
{
    bool ok = true;
    switch (column) {
    case Model: {
        // A price that was empty or the built-in one follows the name; a price the user typed stays.
        const std::optional<model::Price> old = scenario::builtinPrice(model.model);
        const bool automatic = (model.price.inputPerMTok == 0 && model.price.outputPerMTok == 0)
            || (old && old->inputPerMTok == model.price.inputPerMTok
                && old->outputPerMTok == model.price.outputPerMTok);
        model.model = value.toString().trimmed();
        if (automatic)
            model.price = scenario::builtinPrice(model.model).value_or(model::Price {});
        return true;
    }
    case Protocol:
        if (const auto protocol = model::wireProtocolFromName(value.toString())) {
            model.protocol = *protocol;
            return true;
        }
        return false;
    case Weight:
        model.weight = value.toDouble(&ok);
        return ok;
    case MaxTokens:
        model.maxTokens = value.toInt(&ok);
        return ok;
    case Temperature:
        model.temperature = value.toDouble(&ok);
        return ok;
    case InputPrice:
        model.price.inputPerMTok = value.toDouble(&ok);
        return ok;
    case OutputPrice:
        model.price.outputPerMTok = value.toDouble(&ok);
        return ok;
    default:
        return false;
    }
}

bool ModelTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!isCell(index) || !(flags(index) & (Qt::ItemIsEditable | Qt::ItemIsUserCheckable)))
        return false;
    scenario::ModelSpec &model = m_models[index.row()];
    const int column = index.column();
    if (role == Qt::CheckStateRole && isCheckColumn(column)) {
        const bool checked = value.toInt() == Qt::Checked;
        (column == Enabled ? model.enabled : model.stream) = checked;
    } else if (role != Qt::EditRole || !setCell(model, column, value)) {
        return false;
    }
    const int last = column == Model ? OutputPrice : column; // a new name may bring its price
    Q_EMIT dataChanged(index, this->index(index.row(), last));
    if (column == Enabled || column == Weight)
        sharesChanged();
    Q_EMIT edited();
    return true;
}

void ModelTableModel::sharesChanged()
{
    if (!m_models.isEmpty())
        Q_EMIT dataChanged(index(0, Share), index(rowCount() - 1, Share), { Qt::DisplayRole, ShareFractionRole });
}

void ModelTableModel::eraseRows(int first, int last)
{
    m_models.remove(first, last - first + 1);
}

int ModelTableModel::columnForField(const QString &field) const
{
    static const QHash<QString, int> columns = {
        { QStringLiteral("model"), Model },
        { QStringLiteral("protocol"), Protocol },
        { QStringLiteral("weight"), Weight },
        { QStringLiteral("max_tokens"), MaxTokens },
        { QStringLiteral("temperature"), Temperature },
        { QStringLiteral("price.input_per_mtok"), InputPrice },
        { QStringLiteral("price.output_per_mtok"), OutputPrice },
    };
    return columns.value(field, Model);
}

QString ModelTableModel::columnTitle(int column) const
{
    static const QStringList titles = { tr("On"), tr("Model"), tr("Protocol"), tr("Weight"), tr("Share"),
        tr("Max tokens"), tr("Temperature"), tr("Stream"), tr("Input $/MTok"), tr("Output $/MTok") };
    return titles.value(column);
}

QString ModelTableModel::columnHelp(int column) const
{
    switch (column) {
    case Enabled:
        return tr("enabled: whether this model gets traffic; a disabled model stays in the file");
    case Model:
        return tr("model: the name the gateway expects in the request (e.g. gpt-4.1)");
    case Protocol:
        return tr("protocol: how this model is spoken to: OpenAI Chat Completions (POST chat/completions), "
                  "OpenAI Responses (POST responses), Anthropic Messages (POST messages, x-api-key) or "
                  "Gemini (models/{model}:streamGenerateContent, x-goog-api-key); the metrics mean the same for all");
    case Weight:
        return tr("weight: relative share of requests; each request picks a model at random by weight");
    case Share:
        return tr("The share of requests this model gets: its weight over the enabled models' total");
    case MaxTokens:
        return tr("max_tokens: the most output tokens each request may generate");
    case Temperature:
        return tr("temperature: sampling temperature sent with each request (0 to 2)");
    case Stream:
        return tr("stream: ask for a streamed (SSE) answer; needed to measure time to first token (ttft)");
    case InputPrice:
        return tr("price.input_per_mtok: US$ per million prompt tokens, for the cost estimate");
    case OutputPrice:
        return tr("price.output_per_mtok: US$ per million completion tokens, for the cost estimate");
    default:
        return {};
    }
}

} // namespace stampede::ui::editor
