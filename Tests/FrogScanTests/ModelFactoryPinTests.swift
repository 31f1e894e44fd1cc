import Foundation
import FrogConfig
import FrogModel
import FrogNN
import XCTest

/// The specs `ModelFactory` writes into model files, pinned as JSON: the layer list of a new
/// model file stays what earlier versions wrote for the same `model:` section.
final class ModelFactoryPinTests: XCTestCase {
    static func sections() -> [String: RunConfig.ModelSection] {
        var sections: [String: RunConfig.ModelSection] = ["cnn": RunConfig().model]
        var model = RunConfig().model
        model.globalPool = .avgTime
        model.batchNorm = false
        model.convActivation = .leaky_relu
        model.denseUnits = [32, 16]
        model.denseActivation = .elu
        model.kernelSizes = [5, 3]
        sections["cnn_variant"] = model
        model = RunConfig().model
        model.globalPool = .maxTime
        model.dropout = 0
        model.denseUnits = []
        model.convActivation = .tanh
        sections["cnn_max_time"] = model
        model = RunConfig().model
        model.family = .birnn
        model.rnn = .lstm
        model.rnnLayers = 2
        model.timePooling = .max
        sections["birnn"] = model
        model.bidirectional = false
        model.rnn = .gru
        sections["birnn_unidirectional"] = model
        model = RunConfig().model
        model.family = .crnn
        model.convLayers = 3
        sections["crnn"] = model
        return sections
    }

    static let recorded: [String: String] = [
        "birnn":
            #"{"input":[128,64],"layers":[{"cell":"lstm","type":"bidirectional","units":64},{"cell":"lstm","type":"bidirectional","units":64},{"mode":"max","type":"sequence_pool"},{"rate":0.3,"type":"dropout"},{"type":"dense","units":64},{"type":"relu"},{"type":"dense","units":5}]}"#,
        // Earlier versions also wrote "cell":"gru" on these layers, a field `gru` does not read;
        // a spec as they wrote it still loads (LayerSpecCodingTests.testFieldsOtherTypesReadAreIgnored).
        "birnn_unidirectional":
            #"{"input":[128,64],"layers":[{"type":"gru","units":64},{"type":"gru","units":64},{"mode":"max","type":"sequence_pool"},{"rate":0.3,"type":"dropout"},{"type":"dense","units":64},{"type":"relu"},{"type":"dense","units":5}]}"#,
        "cnn":
            #"{"input":[1,64,128],"layers":[{"bias":false,"filters":16,"kernel":3,"padding":"same","type":"conv2d"},{"type":"batchnorm"},{"type":"relu"},{"size":2,"type":"maxpool"},{"bias":false,"filters":32,"kernel":3,"padding":"same","type":"conv2d"},{"type":"batchnorm"},{"type":"relu"},{"size":2,"type":"maxpool"},{"bias":false,"filters":64,"kernel":3,"padding":"same","type":"conv2d"},{"type":"batchnorm"},{"type":"relu"},{"size":2,"type":"maxpool"},{"bias":false,"filters":64,"kernel":3,"padding":"same","type":"conv2d"},{"type":"batchnorm"},{"type":"relu"},{"type":"global_avg_pool"},{"rate":0.3,"type":"dropout"},{"type":"dense","units":64},{"type":"relu"},{"type":"dense","units":5}]}"#,
        "cnn_max_time":
            #"{"input":[1,64,128],"layers":[{"bias":false,"filters":16,"kernel":3,"padding":"same","type":"conv2d"},{"type":"batchnorm"},{"type":"tanh"},{"size":2,"type":"maxpool"},{"bias":false,"filters":32,"kernel":3,"padding":"same","type":"conv2d"},{"type":"batchnorm"},{"type":"tanh"},{"size":2,"type":"maxpool"},{"bias":false,"filters":64,"kernel":3,"padding":"same","type":"conv2d"},{"type":"batchnorm"},{"type":"tanh"},{"size":2,"type":"maxpool"},{"bias":false,"filters":64,"kernel":3,"padding":"same","type":"conv2d"},{"type":"batchnorm"},{"type":"tanh"},{"pool":[1,16],"type":"maxpool"},{"type":"flatten"},{"type":"dense","units":5}]}"#,
        "cnn_variant":
            #"{"input":[1,64,128],"layers":[{"bias":true,"filters":16,"kernel":5,"padding":"same","type":"conv2d"},{"type":"leaky_relu"},{"size":2,"type":"maxpool"},{"bias":true,"filters":32,"kernel":3,"padding":"same","type":"conv2d"},{"type":"leaky_relu"},{"size":2,"type":"maxpool"},{"bias":true,"filters":64,"kernel":3,"padding":"same","type":"conv2d"},{"type":"leaky_relu"},{"size":2,"type":"maxpool"},{"bias":true,"filters":64,"kernel":3,"padding":"same","type":"conv2d"},{"type":"leaky_relu"},{"pool":[1,16],"type":"avgpool"},{"type":"flatten"},{"rate":0.3,"type":"dropout"},{"type":"dense","units":32},{"type":"elu"},{"type":"dense","units":16},{"type":"elu"},{"type":"dense","units":5}]}"#,
        "crnn":
            #"{"input":[1,64,128],"layers":[{"bias":false,"filters":16,"kernel":3,"padding":"same","type":"conv2d"},{"type":"batchnorm"},{"type":"relu"},{"pool":[2,1],"type":"maxpool"},{"bias":false,"filters":32,"kernel":3,"padding":"same","type":"conv2d"},{"type":"batchnorm"},{"type":"relu"},{"pool":[2,1],"type":"maxpool"},{"bias":false,"filters":64,"kernel":3,"padding":"same","type":"conv2d"},{"type":"batchnorm"},{"type":"relu"},{"type":"image_to_sequence"},{"cell":"gru","type":"bidirectional","units":64},{"mode":"mean","type":"sequence_pool"},{"rate":0.3,"type":"dropout"},{"type":"dense","units":64},{"type":"relu"},{"type":"dense","units":5}]}"#,
    ]

    func testSpecsMatchRecordedJSON() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for (name, model) in Self.sections().sorted(by: { $0.key < $1.key }) {
            let shape = model.family == .birnn ? [128, 64] : [1, 64, 128]
            let spec = ModelFactory.spec(for: model, inputShape: shape, classCount: 5)
            let json = String(decoding: try encoder.encode(spec), as: UTF8.self)
            XCTAssertEqual(json, Self.recorded[name], "\"\(name)\": #\"\(json)\"#,")
        }
    }
}
