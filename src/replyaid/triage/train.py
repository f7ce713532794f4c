"""Training triage models: scikit-learn on our features, exported to numpy.

For each model group (one per language, or one joint group) a TF-IDF
vectorizer is fitted on the features of every message (feature families
weighted by :data:`~replyaid.triage.features.FAMILY_WEIGHTS`), then for each field a
``LogisticRegression`` is chosen by stratified 5-fold cross-validation on the
training data (macro-F1 over a small grid of ``C``) and calibrated with
``CalibratedClassifierCV(method="sigmoid")``. The fitted estimators are
written as plain arrays (see :mod:`replyaid.triage.models`), together with a
manifest. Same data and seed give the same models and the same metrics.
"""

from __future__ import annotations

import json
import platform
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable

from replyaid._version import __version__
from replyaid.errors import DataError
from replyaid.language import identify
from replyaid.nlp import Doc, make_doc
from replyaid.text import normalize, strip_quoted
from replyaid.triage.dataset import Dataset
from replyaid.triage.features import FAMILY_WEIGHTS, extract_features, family_weight
from replyaid.triage.models import FORMAT_VERSION, JOINT, sha256_of

C_GRID = (2.0, 8.0, 32.0)
CV_FOLDS = 5
MIN_PER_LANGUAGE = 50  # fewer messages of a language than this go into a joint model


def _identity(features: list[str]) -> list[str]:
    return features


def message_doc(text: str, given: str | None) -> Doc:
    """The shared pass over a labelled message, as ``analyze`` makes it: the
    file's language when it has one (``ru``/``uk``), else the identified one."""
    nt = strip_quoted(normalize(text))
    lang = given if given in ("ru", "uk") else identify(nt.text).language
    return make_doc(nt, lang if lang in ("ru", "uk") else "ru")


def featurize(texts: Iterable[str], langs: Iterable[str | None]) -> tuple[list[list[str]], list[str]]:
    """Features and languages of messages, through the same pass as ``analyze``."""
    features, languages = [], []
    for text, given in zip(texts, langs):
        doc = message_doc(text, given)
        features.append(extract_features(doc))
        languages.append(doc.lang)
    return features, languages


def plan_groups(languages: list[str], joint: bool) -> dict[str, list[int]]:
    """Row indices of each model group."""
    if joint:
        return {JOINT: list(range(len(languages)))}
    counts = Counter(languages)
    groups: dict[str, list[int]] = {}
    small = [lang for lang, n in counts.items() if n < MIN_PER_LANGUAGE]
    if small and len(counts) > 1:
        return {JOINT: list(range(len(languages)))}
    for index, lang in enumerate(languages):
        groups.setdefault(lang, []).append(index)
    return groups


def _cv_folds(y: list[str], seed: int) -> Any:
    from sklearn.model_selection import StratifiedKFold

    smallest = min(Counter(y).values())
    return StratifiedKFold(n_splits=max(2, min(CV_FOLDS, smallest)), shuffle=True, random_state=seed)


def _base_estimator(c: float, seed: int) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=3000, class_weight="balanced", random_state=seed)


def fit_field(X: Any, y: list[str], seed: int) -> tuple[Any, dict[str, Any]]:
    """Choose ``C`` by cross-validated macro-F1, then fit a calibrated model."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.metrics import f1_score
    from sklearn.model_selection import cross_val_predict

    if len(set(y)) < 2:
        raise DataError(f"a field needs at least two different labels, got only {sorted(set(y))}")
    scores = {}
    predictions = {}
    for c in C_GRID:
        predicted = cross_val_predict(_base_estimator(c, seed), X, y, cv=_cv_folds(y, seed))
        scores[c] = f1_score(y, predicted, average="macro")
        predictions[c] = predicted
    best = max(C_GRID, key=lambda c: (scores[c], -c))
    # Temperature scaling keeps a multi-label field's probabilities one softmax
    # (one-vs-rest sigmoids renormalised were underconfident: expected
    # calibration error of the topic 0.13 against 0.04 on held-out train data).
    method = "temperature" if len(set(y)) > 2 else "sigmoid"
    model = CalibratedClassifierCV(_base_estimator(best, seed), method=method, cv=_cv_folds(y, seed), ensemble=False)
    model.fit(X, y)
    cv = {"C": best, "cv_macro_f1": round(float(scores[best]), 4), "grid": {str(c): round(float(s), 4) for c, s in scores.items()}}
    return model, cv


def export_group(vectorizer: Any, field_models: dict[str, Any], path: Path) -> None:
    """Write one group's vectorizer and calibrated classifiers as plain arrays."""
    import numpy as np

    arrays: dict[str, Any] = {
        "vocabulary": np.array(vectorizer.get_feature_names_out().tolist(), dtype=str),
        "idf": vectorizer.idf_.astype(np.float64),
        "fields": np.array(list(field_models), dtype=str),
    }
    weights, intercepts = [], []
    for name, model in field_models.items():
        (calibrated,) = model.calibrated_classifiers_
        estimator = calibrated.estimator
        weights.append(estimator.coef_.T)
        intercepts.append(estimator.intercept_)
        arrays[f"{name}__classes"] = np.array([str(c) for c in model.classes_], dtype=str)
        if model.method == "temperature":
            arrays[f"{name}__cal_method"] = np.array("temperature")
            arrays[f"{name}__cal_a"] = np.array([calibrated.calibrators[0].beta_], dtype=np.float64)
            arrays[f"{name}__cal_b"] = np.zeros(0, dtype=np.float64)
        else:
            arrays[f"{name}__cal_method"] = np.array("sigmoid")
            arrays[f"{name}__cal_a"] = np.array([c.a_ for c in calibrated.calibrators], dtype=np.float64)
            arrays[f"{name}__cal_b"] = np.array([c.b_ for c in calibrated.calibrators], dtype=np.float64)
    arrays["weights"] = np.hstack(weights).astype(np.float64)
    arrays["intercepts"] = np.concatenate(intercepts).astype(np.float64)
    with path.open("wb") as f:
        np.savez_compressed(f, **arrays)


def train(
    data: Dataset,
    out_dir: str | Path,
    *,
    joint: bool = False,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Train and save models for every labelled field of ``data``; returns the manifest.

    >>> # replyaid.triage.train.train(load_dataset("tickets.csv"), "mymodels/")
    """
    import numpy as np
    import sklearn
    from sklearn.feature_extraction.text import TfidfVectorizer

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    say = progress or (lambda message: None)
    say(f"features of {len(data)} messages")
    features, languages = featurize(data.texts, data.langs)
    groups = plan_groups(languages, joint)
    manifest: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "replyaid_version": __version__,
        "sklearn_version": sklearn.__version__,
        "python_version": platform.python_version(),
        "created": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "corpus_sha256": data.sha256,
        "seed": seed,
        "feature_weights": FAMILY_WEIGHTS,
        "fields": [name for name in data.labels],
        "groups": {},
        "labels": {},
        "metrics": {},
        "files": {},
    }
    for group, indices in sorted(groups.items()):
        vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, min_df=2, lowercase=False, dtype=np.float64)
        group_features = [features[i] for i in indices]
        vectorizer.fit(group_features)
        # The family weights ride on the idf, so inference needs nothing new.
        vectorizer.idf_ = vectorizer.idf_ * np.array([family_weight(f) for f in vectorizer.get_feature_names_out()])
        X = vectorizer.transform(group_features)
        field_models: dict[str, Any] = {}
        manifest["metrics"][group] = {"messages": len(indices)}
        for name, values in data.labels.items():
            rows = [k for k, i in enumerate(indices) if values[i] is not None]
            y = [values[indices[k]] for k in rows]
            if len(set(y)) < 2:
                say(f"{group}/{name}: skipped (fewer than two labels)")
                continue
            say(f"{group}/{name}: {len(y)} labelled messages, {len(set(y))} labels")
            model, cv = fit_field(X[rows], y, seed)
            field_models[name] = model
            manifest["metrics"][group][name] = cv
            manifest["labels"][name] = sorted(set(manifest["labels"].get(name, [])) | set(y))
        if not field_models:
            continue
        file_name = f"{group}.npz"
        export_group(vectorizer, field_models, out / file_name)
        manifest["groups"][group] = file_name
        manifest["files"][file_name] = {"sha256": sha256_of(out / file_name), "bytes": (out / file_name).stat().st_size}
    if not manifest["groups"]:
        raise DataError("nothing to train: every field has fewer than two different labels")
    # Model files of another layout left by an earlier training in the same directory.
    for stale in ("ru.npz", "uk.npz", f"{JOINT}.npz"):
        if stale not in manifest["files"] and (out / stale).is_file():
            (out / stale).unlink()
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest
