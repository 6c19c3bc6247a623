package server

import (
	"context"

	"github.com/hanoi-innovation/innonet/api"
	"github.com/hanoi-innovation/innonet/models"
)

func (h handlers) GetHealth(context.Context, api.GetHealthRequestObject) (api.GetHealthResponseObject, error) {
	return api.GetHealth200JSONResponse{Status: "ok", Version: optString(h.cfg.Version)}, nil
}

func (h handlers) GetReady(ctx context.Context, _ api.GetReadyRequestObject) (api.GetReadyResponseObject, error) {
	if h.ready != nil {
		if err := h.ready(ctx); err != nil {
			if models.ErrorCode(err) == models.CodeInternal {
				h.logger.WarnContext(ctx, "not ready", "err", err)
				err = &models.Error{Code: models.CodeUnavailable, Message: "not ready", Err: err}
			}
			return nil, err
		}
	}
	return api.GetReady200JSONResponse{Status: "ready", Version: optString(h.cfg.Version)}, nil
}

func (h handlers) ListSectors(context.Context, api.ListSectorsRequestObject) (api.ListSectorsResponseObject, error) {
	sectors := h.app.Taxonomy.Sectors
	items := make([]api.Sector, len(sectors))
	for i, s := range sectors {
		items[i] = api.Sector{Id: s.ID, LabelVi: s.LabelVI, LabelEn: s.LabelEN}
	}
	return api.ListSectors200JSONResponse{Items: items}, nil
}
