#!/usr/bin/env python3
"""Writes Tests/FrogScanTests/Fixtures/metrics_sklearn.json: classification metrics computed by
scikit-learn on small score matrices, for FrogScan's metric tests (which never run Python).

Cases cover tied scores (scores rounded to one decimal), a class that is never predicted and a
class with no support (zero division → 0, as `zero_division=0`), and a multi-label case.
Per-class AP is null when the class has no positives, ROC-AUC when it has no positives or no
negatives (sklearn raises or warns there). Run from the repository root:
    python3 Tests/Fixtures/generate/metrics_fixtures.py
"""
import json

import numpy as np
import sklearn
from sklearn.metrics import (accuracy_score, average_precision_score, confusion_matrix,
                             precision_recall_fscore_support, roc_auc_score)


def per_class_ranking(y_true_binary, scores):
    """Per-class AP and ROC-AUC, None where undefined."""
    aps, aucs = [], []
    for c in range(scores.shape[1]):
        positives = y_true_binary[:, c]
        if positives.sum() == 0:
            aps.append(None)
        else:
            aps.append(float(average_precision_score(positives, scores[:, c])))
        if positives.sum() == 0 or positives.sum() == len(positives):
            aucs.append(None)
        else:
            aucs.append(float(roc_auc_score(positives, scores[:, c])))
    return aps, aucs


def averages(y_true, y_pred, labels):
    out = {}
    for average in ["macro", "micro", "weighted"]:
        p, r, f, _ = precision_recall_fscore_support(
            y_true, y_pred, labels=labels, average=average, zero_division=0)
        out[average] = {"precision": float(p), "recall": float(r), "f1": float(f)}
    return out


def multiclass_case(name, y_true, scores):
    scores = np.asarray(scores, dtype=np.float32)
    y_true = np.asarray(y_true)
    k = scores.shape[1]
    labels = list(range(k))
    # argmax picks the first maximum on ties, as FrogScan does.
    y_pred = scores.argmax(axis=1)
    p, r, f, s = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, average=None, zero_division=0)
    onehot = np.eye(k, dtype=int)[y_true]
    aps, aucs = per_class_ranking(onehot, scores.astype(np.float64))
    return {
        "name": name, "kind": "multiclass", "classes": k,
        "truth": y_true.tolist(), "scores": scores.tolist(),
        "expected": {
            "predicted": y_pred.tolist(),
            "precision": p.tolist(), "recall": r.tolist(), "f1": f.tolist(),
            "support": s.tolist(),
            "confusion": confusion_matrix(y_true, y_pred, labels=labels).tolist(),
            "accuracy": float(accuracy_score(y_true, y_pred)),
            "ap": aps, "auroc": aucs,
            "averages": averages(y_true, y_pred, labels),
        },
    }


def multilabel_case(name, y_true, scores, thresholds):
    scores = np.asarray(scores, dtype=np.float32)
    y_true = np.asarray(y_true, dtype=int)
    y_pred = (scores >= np.asarray(thresholds, dtype=np.float32)).astype(int)
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, average=None, zero_division=0)
    aps, aucs = per_class_ranking(y_true, scores.astype(np.float64))
    avg = {}
    for average in ["macro", "micro", "weighted"]:
        ap_, ar_, af_, _ = precision_recall_fscore_support(
            y_true, y_pred, average=average, zero_division=0)
        avg[average] = {"precision": float(ap_), "recall": float(ar_), "f1": float(af_)}
    return {
        "name": name, "kind": "multilabel", "classes": scores.shape[1],
        "truth": y_true.tolist(), "scores": scores.tolist(), "thresholds": thresholds,
        "expected": {
            "predicted": y_pred.tolist(),
            "precision": p.tolist(), "recall": r.tolist(), "f1": f.tolist(),
            "support": s.tolist(),
            "accuracy": float(accuracy_score(y_true, y_pred)),
            "ap": aps, "auroc": aucs, "averages": avg,
        },
    }


def softmax(x):
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


rng = np.random.default_rng(20261123)
cases = []

# 1. Five classes, informative but noisy scores, 60 windows.
y = rng.integers(0, 5, size=60)
logits = rng.normal(size=(60, 5)) + 1.5 * np.eye(5)[y]
cases.append(multiclass_case("five_classes_noisy", y, softmax(logits)))

# 2. Heavy ties: scores rounded to one decimal, so many windows share a score per class.
y = rng.integers(0, 3, size=40)
logits = rng.normal(size=(40, 3)) + 1.0 * np.eye(3)[y]
cases.append(multiclass_case("three_classes_tied", y, np.round(softmax(logits), 1)))

# 3. Zero division: class 2 is never predicted (its score is always low) and class 3 has no
#    support (never true) but is sometimes predicted.
y = np.array([0, 0, 1, 1, 2, 2, 0, 1, 2, 0, 1, 1])
scores = np.zeros((12, 4), dtype=np.float32)
for i, label in enumerate(y):
    scores[i] = [0.2, 0.2, 0.05, 0.1]
    scores[i, label if label != 2 else (i % 2)] = 0.6
scores[[3, 7], 3] = 0.9  # two windows predicted as the unsupported class 3
scores[:, 2] = np.linspace(0.01, 0.2, 12)  # class 2 ranks, but never wins the argmax
cases.append(multiclass_case("zero_division", y, scores))

# 4. Multi-label: three species, some windows with none ("no frog"), some with two.
y_ml = (rng.random(size=(30, 3)) < np.array([0.4, 0.3, 0.2])).astype(int)
s_ml = np.clip(0.45 * y_ml + 0.7 * rng.random(size=(30, 3)), 0, 1)
cases.append(multilabel_case("multilabel_three", y_ml, np.round(s_ml, 2), [0.5, 0.4, 0.6]))

out = "Tests/FrogScanTests/Fixtures/metrics_sklearn.json"
with open(out, "w") as handle:
    json.dump({"generator": "Tests/Fixtures/generate/metrics_fixtures.py",
               "sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases},
              handle, indent=1)
print("wrote", out)
