/// The outcome of `train`: the history columns, the trained model (Double precision) with its
/// dataset, and the checkpoints kept.
public struct TrainingRun: Sendable {
    public var config: TrainingConfig
    public var history: TrainingHistory
    public var model: TrainedModel
    public var checkpoints: [Checkpoint]
    /// The last step reached (earlier than `config.steps` when a stop condition fired).
    public var finalStep: Int
    public var dataset: Dataset { model.dataset }
}
