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
