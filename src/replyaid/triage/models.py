"""Loading and applying trained triage models.

A model directory holds ``manifest.json`` and one ``<group>.npz`` per model
group (``ru``, ``uk`` or ``all`` for a joint model). An ``.npz`` file holds
only numeric and string arrays (no pickle), so a model received from
elsewhere cannot run code; its sha256 is still checked against the manifest
before it is read, so a truncated or altered file gives a clear error.

Inference is plain numpy: features -> TF-IDF vector -> one matrix product for
all fields -> per-class sigmoid calibration. It does not import scikit-learn,
which keeps the cold start short.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from replyaid.errors import ModelIntegrityError, ModelNotFoundError, ModelVersionError
from replyaid.nlp import Doc
from replyaid.results import Label, NO_LABEL
from replyaid.triage.features import extract_features

#: format 2 adds temperature scaling for fields with more than two labels
FORMAT_VERSION = 2
READABLE_FORMATS = (1, 2)
FIELDS: tuple[str, ...] = ("topic", "department", "complaint", "sentiment")
JOINT = "all"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def decode_label(field: str, value: str) -> str | bool:
    if field == "complaint":
        return value == "True"
    return value


@dataclass(frozen=True)
class FieldModel:
    """The calibrated linear classifier of one field inside a group."""

    classes: tuple[str, ...]
    columns: slice  # columns of the group's weight matrix
    calibration_a: Any  # numpy arrays: sigmoid slopes per class, or the inverse temperature
    calibration_b: Any
    #: ``sigmoid`` (one-vs-rest, Platt) or ``temperature`` (softmax of scaled scores)
    method: str = "sigmoid"


class GroupModel:
    """All field classifiers of one language group sharing one vectorizer."""

    def __init__(self, path: Path) -> None:
        import numpy as np

        try:
            with np.load(path, allow_pickle=False) as data:
                arrays = {key: data[key] for key in data.files}
        except Exception as exc:  # zip/format errors from a damaged file
            raise ModelIntegrityError(f"cannot read model file {path}: {exc}") from None
        try:
            vocabulary = arrays["vocabulary"]
            self.vocabulary: dict[str, int] = {str(term): i for i, term in enumerate(vocabulary.tolist())}
            self.idf = arrays["idf"].astype(np.float64)
            self.weights = arrays["weights"].astype(np.float64)  # (n_features, n_columns)
            self.intercepts = arrays["intercepts"].astype(np.float64)
            self.fields: dict[str, FieldModel] = {}
            column = 0
            for field in arrays["fields"].tolist():
                classes = tuple(str(c) for c in arrays[f"{field}__classes"].tolist())
                width = 1 if len(classes) == 2 else len(classes)
                method = str(arrays[f"{field}__cal_method"]) if f"{field}__cal_method" in arrays else "sigmoid"
                if method not in ("sigmoid", "temperature"):
                    raise ModelIntegrityError(f"model file {path} uses an unknown calibration {method!r}")
                self.fields[field] = FieldModel(
                    classes=classes,
                    columns=slice(column, column + width),
                    calibration_a=arrays[f"{field}__cal_a"].astype(np.float64),
                    calibration_b=arrays[f"{field}__cal_b"].astype(np.float64),
                    method=method,
                )
                column += width
        except KeyError as exc:
            raise ModelIntegrityError(f"model file {path} lacks the array {exc}") from None
        if self.weights.shape != (len(self.vocabulary), column) or self.idf.shape[0] != len(self.vocabulary):
            raise ModelIntegrityError(f"model file {path} has inconsistent array shapes")
        self._np = np

    def vectorize(self, features: list[str]) -> tuple[Any, Any]:
        """Sparse TF-IDF vector as (indices, values), sublinear tf, L2-normalised."""
        np = self._np
        counts: dict[int, int] = {}
        vocabulary = self.vocabulary
        for feature, count in Counter(features).items():
            index = vocabulary.get(feature)
            if index is not None:
                counts[index] = count
        if not counts:
            return np.zeros(0, dtype=np.intp), np.zeros(0)
        indices = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
        values = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * self.idf[indices]
        norm = math.sqrt(float(values @ values))
        return indices, values / norm if norm else values

    def decision(self, features: list[str]) -> Any:
        indices, values = self.vectorize(features)
        return values @ self.weights[indices] + self.intercepts

    def predict_proba(self, field: str, decision: Any) -> Any:
        np = self._np
        model = self.fields[field]
        scores = decision[model.columns]
        if model.method == "temperature":
            logits = np.array([-scores[0], scores[0]]) if len(model.classes) == 2 else scores
            scaled = model.calibration_a[0] * logits
            exp = np.exp(scaled - scaled.max())
            return exp / exp.sum()
        if len(model.classes) == 2:
            p1 = 1.0 / (1.0 + np.exp(model.calibration_a * scores + model.calibration_b))
            return np.array([1.0 - p1[0], p1[0]])
        proba = 1.0 / (1.0 + np.exp(model.calibration_a * scores + model.calibration_b))
        total = proba.sum()
        return proba / total if total > 0 else np.full(len(proba), 1.0 / len(proba))


class TriageModels:
    """The triage models of one directory, loaded lazily per group."""

    def __init__(self, directory: Path, manifest: dict[str, Any]) -> None:
        self.directory = directory
        self.manifest = manifest
        self.groups: dict[str, str] = manifest["groups"]  # group name -> file name
        self._loaded: dict[str, GroupModel] = {}
        self._lock = threading.Lock()

    @classmethod
    def load(cls, directory: str | Path) -> "TriageModels":
        """Read and check ``manifest.json`` of a model directory."""
        directory = Path(directory)
        manifest_path = directory / "manifest.json"
        if not manifest_path.is_file():
            raise ModelNotFoundError(f"no manifest.json in {directory}: train models with `replyaid train --out {directory}`")
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ModelIntegrityError(f"{manifest_path} is not valid JSON: {exc}") from None
        if not isinstance(manifest, dict) or "groups" not in manifest or "files" not in manifest:
            raise ModelIntegrityError(f"{manifest_path} lacks 'groups' or 'files'")
        version = manifest.get("format_version")
        if version not in READABLE_FORMATS:
            raise ModelVersionError(
                f"{directory} holds models in format {version!r}; this replyaid reads format {FORMAT_VERSION}. "
                "Retrain them with this version: replyaid train --data ... --out ..."
            )
        return cls(directory, manifest)

    def supports(self, lang: str) -> bool:
        return lang in self.groups or JOINT in self.groups

    def _group(self, lang: str) -> GroupModel:
        name = lang if lang in self.groups else JOINT
        group = self._loaded.get(name)
        if group is None:
            with self._lock:
                group = self._loaded.get(name)
                if group is None:
                    group = self._load_group(name)
                    self._loaded[name] = group
        return group

    def _load_group(self, name: str) -> GroupModel:
        file_name = self.groups[name]
        path = self.directory / file_name
        if not path.is_file():
            raise ModelNotFoundError(f"model file {path} listed in the manifest is missing")
        expected = self.manifest["files"].get(file_name, {}).get("sha256")
        if not expected:
            raise ModelIntegrityError(f"manifest of {self.directory} gives no sha256 for {file_name}")
        actual = sha256_of(path)
        if actual != expected:
            raise ModelIntegrityError(
                f"model file {path} does not match its manifest (sha256 {actual[:12]}… instead of {expected[:12]}…): "
                "it is truncated or was changed; reinstall replyaid or retrain the models"
            )
        return GroupModel(path)

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.manifest.get("fields", FIELDS))

    def predict_doc(self, doc: Doc) -> dict[str, tuple[str | bool, float, Any]]:
        """For each field: (best label, its probability, all probabilities)."""
        group = self._group(doc.lang)
        decision = group.decision(extract_features(doc))
        result = {}
        for field, model in group.fields.items():
            proba = group.predict_proba(field, decision)
            best = int(proba.argmax())
            result[field] = (decode_label(field, model.classes[best]), float(proba[best]), proba)
        return result

    def predict(self, doc: Doc) -> dict[str, Label]:
        """Labels of every known field for one message (``NO_LABEL`` for fields without a model)."""
        labels = {field: NO_LABEL for field in FIELDS}
        for field, (label, score, _) in self.predict_doc(doc).items():
            if field in labels:
                labels[field] = Label(label, round(score, 4))
        return labels

