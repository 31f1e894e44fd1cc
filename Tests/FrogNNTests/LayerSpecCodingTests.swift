import Foundation
import FrogNN
import XCTest

/// `LayerSpec`'s JSON, the `model_spec` of every model file: files written by earlier versions
/// must load, and new files must be written exactly as before.
final class LayerSpecCodingTests: XCTestCase {
    /// One layer of every type in the format of earlier versions, with every field it reads;
    /// then the types with optional fields again with none of them.
    static let oldFormat = """
        {"input": [1, 8, 8], "initializer": "glorot", "layers": [
          {"type": "conv2d", "filters": 4, "kernel": 5, "stride": 2, "padding": "valid", "bias": false},
          {"type": "conv2d", "filters": 4, "padding": 1},
          {"type": "conv2d", "filters": 4, "padding": "same"},
          {"type": "maxpool", "size": 3, "stride": 1},
          {"type": "maxpool", "pool": [2, 1]},
          {"type": "avgpool", "size": 2, "pool": [1, 4], "stride": 2},
          {"type": "global_avg_pool"},
          {"type": "global_max_pool"},
          {"type": "batchnorm", "momentum": 0.2, "epsilon": 0.001},
          {"type": "layernorm", "epsilon": 0.0001},
          {"type": "dropout", "rate": 0.3},
          {"type": "dense", "units": 7, "bias": false},
          {"type": "flatten"},
          {"type": "reshape", "shape": [2, -1]},
          {"type": "permute", "order": [1, 0, 2], "merge": true},
          {"type": "image_to_sequence"},
          {"type": "relu"},
          {"type": "leaky_relu", "slope": 0.2},
          {"type": "elu", "alpha": 0.5},
          {"type": "tanh"},
          {"type": "sigmoid"},
          {"type": "softmax"},
          {"type": "lstm", "units": 6, "returnSequences": false},
          {"type": "gru", "units": 5, "returnSequences": true},
          {"type": "bidirectional", "cell": "gru", "units": 4, "returnSequences": false},
          {"type": "sequence_pool", "mode": "last"},
          {"type": "maxpool"}, {"type": "avgpool"}, {"type": "batchnorm"}, {"type": "layernorm"},
          {"type": "dropout"}, {"type": "dense", "units": 3}, {"type": "permute", "order": [0]},
          {"type": "leaky_relu"}, {"type": "elu"}, {"type": "lstm", "units": 2}, {"type": "gru", "units": 2},
          {"type": "bidirectional", "units": 2}, {"type": "sequence_pool"}
        ]}
        """

    /// `oldFormat` as earlier versions wrote it back (sorted keys, as model files are written).
    static let oldFormatWritten = #"{"initializer":"glorot","input":[1,8,8],"layers":[{"bias":false,"filters":4,"kernel":5,"padding":"valid","stride":2,"type":"conv2d"},{"filters":4,"padding":1,"type":"conv2d"},{"filters":4,"padding":"same","type":"conv2d"},{"size":3,"stride":1,"type":"maxpool"},{"pool":[2,1],"type":"maxpool"},{"pool":[1,4],"size":2,"stride":2,"type":"avgpool"},{"type":"global_avg_pool"},{"type":"global_max_pool"},{"epsilon":0.001,"momentum":0.2,"type":"batchnorm"},{"epsilon":0.0001,"type":"layernorm"},{"rate":0.3,"type":"dropout"},{"bias":false,"type":"dense","units":7},{"type":"flatten"},{"shape":[2,-1],"type":"reshape"},{"merge":true,"order":[1,0,2],"type":"permute"},{"type":"image_to_sequence"},{"type":"relu"},{"slope":0.2,"type":"leaky_relu"},{"alpha":0.5,"type":"elu"},{"type":"tanh"},{"type":"sigmoid"},{"type":"softmax"},{"returnSequences":false,"type":"lstm","units":6},{"returnSequences":true,"type":"gru","units":5},{"cell":"gru","returnSequences":false,"type":"bidirectional","units":4},{"mode":"last","type":"sequence_pool"},{"type":"maxpool"},{"type":"avgpool"},{"type":"batchnorm"},{"type":"layernorm"},{"type":"dropout"},{"type":"dense","units":3},{"order":[0],"type":"permute"},{"type":"leaky_relu"},{"type":"elu"},{"type":"lstm","units":2},{"type":"gru","units":2},{"type":"bidirectional","units":2},{"type":"sequence_pool"}]}"#

    func encoded(_ spec: ModelSpec) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(spec), as: UTF8.self)
    }

    func testOldFormatIsWrittenBackUnchanged() throws {
        let spec = try JSONDecoder().decode(ModelSpec.self, from: Data(Self.oldFormat.utf8))
        let written = try encoded(spec)
        XCTAssertEqual(written, Self.oldFormatWritten, written)
    }
}

extension LayerSpecCodingTests {
    func testReferenceModelsAreWrittenAsBefore() throws {
        let cnn = try encoded(.referenceCNN()), crnn = try encoded(.referenceCRNN())
        XCTAssertEqual(cnn, Self.referenceCNNWritten, cnn)
        XCTAssertEqual(crnn, Self.referenceCRNNWritten, crnn)
    }

    static let referenceCNNWritten = #"{"input":[1,64,128],"layers":[{"filters":16,"kernel":3,"padding":"same","type":"conv2d"},{"type":"batchnorm"},{"type":"relu"},{"size":2,"type":"maxpool"},{"filters":32,"kernel":3,"padding":"same","type":"conv2d"},{"type":"batchnorm"},{"type":"relu"},{"size":2,"type":"maxpool"},{"filters":64,"kernel":3,"padding":"same","type":"conv2d"},{"type":"batchnorm"},{"type":"relu"},{"size":2,"type":"maxpool"},{"filters":64,"kernel":3,"padding":"same","type":"conv2d"},{"type":"batchnorm"},{"type":"relu"},{"type":"global_avg_pool"},{"rate":0.3,"type":"dropout"},{"type":"dense","units":64},{"type":"relu"},{"type":"dense","units":5}]}"#
    static let referenceCRNNWritten = #"{"initializer":"pytorch","input":[1,64,128],"layers":[{"filters":16,"kernel":3,"padding":"same","type":"conv2d"},{"type":"batchnorm"},{"type":"relu"},{"pool":[2,1],"type":"maxpool"},{"filters":32,"kernel":3,"padding":"same","type":"conv2d"},{"type":"batchnorm"},{"type":"relu"},{"pool":[2,1],"type":"maxpool"},{"filters":64,"kernel":3,"padding":"same","type":"conv2d"},{"type":"batchnorm"},{"type":"relu"},{"pool":[2,1],"type":"maxpool"},{"type":"image_to_sequence"},{"cell":"gru","returnSequences":true,"type":"bidirectional","units":64},{"type":"dense","units":5}]}"#
}

extension LayerSpecCodingTests {
    /// `oldFormat`'s layers as values: every field lands where its type reads it.
    static let oldFormatLayers: [LayerSpec] = [
        .conv2D(filters: 4, kernel: 5, stride: 2, padding: .valid, bias: false),
        .conv2D(filters: 4, padding: .explicit(1)),
        .conv2D(filters: 4, padding: .same),
        .maxPool(size: 3, stride: 1),
        .maxPool(pool: [2, 1]),
        .avgPool(size: 2, pool: [1, 4], stride: 2),
        .globalAvgPool,
        .globalMaxPool,
        .batchNorm(momentum: 0.2, epsilon: 0.001),
        .layerNorm(epsilon: 0.0001),
        .dropout(rate: 0.3),
        .dense(units: 7, bias: false),
        .flatten,
        .reshape(shape: [2, -1]),
        .permute(order: [1, 0, 2], merge: true),
        .imageToSequence,
        .relu,
        .leakyReLU(slope: 0.2),
        .elu(alpha: 0.5),
        .tanh,
        .sigmoid,
        .softmax,
        .lstm(units: 6, returnSequences: false),
        .gru(units: 5, returnSequences: true),
        .bidirectional(cell: .gru, units: 4, returnSequences: false),
        .sequencePool(mode: .last),
        .maxPool(), .avgPool(), .batchNorm(), .layerNorm(), .dropout(), .dense(units: 3), .permute(order: [0]),
        .leakyReLU(), .elu(), .lstm(units: 2), .gru(units: 2), .bidirectional(units: 2), .sequencePool(),
    ]

    private func decode(_ json: String) throws -> LayerSpec {
        try JSONDecoder().decode(LayerSpec.self, from: Data(json.utf8))
    }

    func testOldFormatDecodesEveryLayerType() throws {
        let spec = try JSONDecoder().decode(ModelSpec.self, from: Data(Self.oldFormat.utf8))
        XCTAssertEqual(spec.input, [1, 8, 8])
        XCTAssertEqual(spec.initializer, "glorot")
        XCTAssertEqual(spec.layers.count, Self.oldFormatLayers.count)
        for (index, (decoded, expected)) in zip(spec.layers, Self.oldFormatLayers).enumerated() {
            XCTAssertEqual(decoded, expected, "layer \(index)")
        }
        XCTAssertEqual(Set(spec.layers.map(\.kind)), Set(LayerSpec.Kind.allCases), "a layer of every type")
        XCTAssertEqual(spec.layers.map(\.type).prefix(3), ["conv2d", "conv2d", "conv2d"])
    }

    func testEveryLayerRoundTrips() throws {
        let sorted = JSONEncoder()
        sorted.outputFormatting = [.sortedKeys]
        for encoder in [JSONEncoder(), sorted] {
            for spec in [
                ModelSpec(input: [3, 4], layers: Self.oldFormatLayers, initializer: "pytorch"), .referenceCNN(),
                .referenceCRNN(),
            ] {
                XCTAssertEqual(try JSONDecoder().decode(ModelSpec.self, from: try encoder.encode(spec)), spec)
            }
        }
    }

    func testFieldsOtherTypesReadAreIgnored() throws {
        // ModelFactory wrote `cell` on unidirectional layers too.
        XCTAssertEqual(try decode(#"{"cell": "gru", "type": "gru", "units": 64}"#), .gru(units: 64))
        XCTAssertEqual(try decode(#"{"type": "relu", "units": 3, "filters": 2}"#), .relu)
        let json = #"{"input": [12, 4], "layers": [{"cell": "lstm", "type": "lstm", "units": 3}, {"type": "sequence_pool"}]}"#
        let model = try ModelBuilder.build(try JSONDecoder().decode(ModelSpec.self, from: Data(json.utf8)), seed: 1)
        XCTAssertEqual(model.outputShape(for: [12, 4]), [3])
    }

    func testUnreadableLayersAreErrorsThatSayWhy() {
        let cases = [
            (#"{"type": "warp"}"#, "unknown layer type 'warp'"),
            (#"{"units": 3}"#, "type"),
            (#"{"type": "conv2d", "kernel": 3}"#, "conv2d needs filters"),
            (#"{"type": "dense"}"#, "dense needs units"),
            (#"{"type": "reshape"}"#, "reshape needs shape"),
            (#"{"type": "permute", "merge": true}"#, "permute needs order"),
            (#"{"type": "gru"}"#, "gru needs units"),
            (#"{"type": "bidirectional", "cell": "rnn", "units": 2}"#, "cell must be lstm or gru, not rnn"),
            (#"{"type": "sequence_pool", "mode": "median"}"#, "mode must be mean, max or last, not median"),
            (#"{"type": "conv2d", "filters": 2, "padding": "full"}"#, "padding must be"),
        ]
        for (json, fragment) in cases {
            XCTAssertThrowsError(try decode(json), json) { error in
                XCTAssertTrue("\(error)".contains(fragment), "\(json): \(error)")
            }
        }
    }
}
