from __future__ import annotations

import json
import shutil

import pytest

from helpers import ROOT
from replyaid import Assistant
from replyaid.errors import DataError, ModelIntegrityError, ModelNotFoundError, ModelVersionError
from replyaid.triage.dataset import load_dataset
from replyaid.triage.evaluate import evaluate, expected_calibration_error
from replyaid.triage.features import extract_features
from replyaid.triage.models import TriageModels
from replyaid.triage.train import train
from replyaid.nlp import make_doc

CUSTOM = ROOT / "tests" / "data" / "custom_tickets.csv"


@pytest.fixture(scope="module")
def custom_models(tmp_path_factory):
    out = tmp_path_factory.mktemp("models")
    manifest = train(load_dataset(CUSTOM), out, joint=True, seed=0)
    return out, manifest


def test_features_mark_negation_cues_and_intensity():
    features = extract_features(make_doc("ПОЗОВИТЕ руководителя!!! Ничего не работает 😡", "ru"))
    assert "n:работать" in features
    assert "cue:escalation" in features and "cue:negative" in features
    assert "x:caps" in features and "x:excl_many" in features


def test_retraining_on_custom_labels(custom_models):
    out, manifest = custom_models
    assert set(manifest["labels"]["topic"]) == {"shipping", "money", "app_bug"}
    assert manifest["fields"] == ["topic", "complaint"]
    for info in manifest["files"].values():
        assert len(info["sha256"]) == 64
    a = Assistant(models=out).analyze("Посылка не пришла, курьер так и не приехал")
    assert a.topic.label == "shipping"
    assert isinstance(a.complaint.label, bool)
    assert a.department.label is None  # no department column in the training file
    assert 0.0 <= a.topic.score <= 1.0


def test_same_data_and_seed_give_same_metrics(custom_models, tmp_path):
    _, first = custom_models
    second = train(load_dataset(CUSTOM), tmp_path, joint=True, seed=0)
    assert first["metrics"] == second["metrics"]


def test_exported_model_matches_sklearn(tmp_path):
    """The numpy inference path reproduces scikit-learn's calibrated probabilities."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from replyaid.triage import train as training

    data = load_dataset(CUSTOM)
    features, _ = training.featurize(data.texts, data.langs)
    vectorizer = TfidfVectorizer(analyzer=training._identity, sublinear_tf=True, min_df=2, lowercase=False)
    X = vectorizer.fit_transform(features)
    # topic has many labels (temperature scaling), complaint two (sigmoid)
    models = {field: training.fit_field(X, data.labels[field], seed=0)[0] for field in ("topic", "complaint")}
    path = tmp_path / "all.npz"
    training.export_group(vectorizer, models, path)
    from replyaid.triage.models import GroupModel

    group = GroupModel(path)
    assert [group.fields[f].method for f in models] == ["temperature", "sigmoid"]
    for field, model in models.items():
        for row, feats in enumerate(features[:10]):
            ours = group.predict_proba(field, group.decision(feats))
            assert np.allclose(ours, model.predict_proba(X[row])[0], atol=1e-6)


def test_evaluate_report(custom_models):
    out, _ = custom_models
    report = evaluate(TriageModels.load(out), load_dataset(CUSTOM))
    topic = report["fields"]["topic"]
    assert topic["support"] == 30
    assert len(topic["confusion_matrix"]) == 3
    assert 0 <= topic["ece"] <= 1
    assert "f1_true" in report["fields"]["complaint"]


def test_bad_training_file_lists_problems():
    with pytest.raises(DataError) as error:
        load_dataset(ROOT / "tests" / "data" / "bad_tickets.csv")
    message = str(error.value)
    assert "2 problem(s)" in message and "complaint must be true/false" in message and "empty or missing 'text'" in message


def test_missing_columns(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps({"body": "x", "topic": "a"}) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="no 'text' column"):
        load_dataset(path)
    path.write_text(json.dumps({"text": "x"}) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="no label column"):
        load_dataset(path)


def _copy(models, tmp_path):
    out, _ = models
    target = tmp_path / "copy"
    shutil.copytree(out, target)
    return target


def test_truncated_model_file_is_a_clear_error(custom_models, tmp_path):
    target = _copy(custom_models, tmp_path)
    path = target / "all.npz"
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(ModelIntegrityError, match="does not match its manifest"):
        Assistant(models=target).analyze("Где посылка?")


def test_altered_manifest_version(custom_models, tmp_path):
    target = _copy(custom_models, tmp_path)
    manifest = json.loads((target / "manifest.json").read_text())
    manifest["format_version"] = 99
    (target / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ModelVersionError, match="format 99"):
        Assistant(models=target).analyze("Где посылка?")


def test_broken_manifest_and_missing_directory(custom_models, tmp_path):
    target = _copy(custom_models, tmp_path)
    (target / "manifest.json").write_text("{not json")
    with pytest.raises(ModelIntegrityError, match="not valid JSON"):
        TriageModels.load(target)
    with pytest.raises(ModelNotFoundError):
        TriageModels.load(tmp_path / "nowhere")


def test_file_changed_with_matching_size_is_rejected(custom_models, tmp_path):
    target = _copy(custom_models, tmp_path)
    path = target / "all.npz"
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError):
        Assistant(models=target).analyze("Где посылка?")


def test_expected_calibration_error():
    assert expected_calibration_error([1.0, 1.0], [True, True]) == 0.0
    assert expected_calibration_error([0.9, 0.9], [False, False]) == pytest.approx(0.9)
